using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Cli.Tests.Installer;
using FtpMount.Cli.Tests.Mount;
using FtpMount.Cli.Tests.Reliability;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Status;

/// <summary>
/// Live progress against real servers: transfers held to a known pace by the proxy's bandwidth cap are shown by
/// <c>status --json</c>, <c>status</c> and <c>status --watch</c> (with and without a terminal) with their mount path,
/// size, rate and ETA; write-back uploads waiting and retrying show with their failures and next attempt.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StatusProgressTests
{
    private const long Cap = 1_000_000;
    private const int FileSize = 24 * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 240_000)]
    [InlineData(FtpServerKind.Pyftpdlib)]
    [InlineData(FtpServerKind.Vsftpd)]
    public async Task A_download_in_flight_shows_its_mount_path_size_rate_and_eta_in_json_and_text(FtpServerKind kind)
    {
        await using var mount = await ThrottledMount.StartAsync(kind, Cap, "no_segments", s => s.CreateFile("data/big.bin", new byte[FileSize]));
        mount.StartInMount("cat big.bin > /dev/null");

        var (first, transfer) = await mount.WaitForTransferAsync("/big.bin", "download", 1);
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(mount.MountPoint, first.GetProperty("mountPoint").GetString());
        Assert.Equal(FileSize, transfer.GetProperty("total").GetInt64());
        Assert.Equal(0, transfer.GetProperty("startOffset").GetInt64());
        Assert.Equal(transfer.GetProperty("bytes").GetInt64(), transfer.GetProperty("position").GetInt64());
        Assert.DoesNotContain("/data", first.GetProperty("transfers").ToString(), StringComparison.Ordinal);

        // Later reports: further along, at a rate the cap bounds, and an ETA that is the rest at that rate.
        var id = transfer.GetProperty("id").GetInt64();
        var (later, moved) = await mount.WaitForTransferAsync("/big.bin", "download", transfer.GetProperty("bytes").GetInt64() + 256 * 1024);
        Assert.Equal(id, moved.GetProperty("id").GetInt64());
        var rate = moved.GetProperty("bytesPerSecond").GetDouble();
        Assert.InRange(rate, 1, 2.0 * Cap);
        var rest = FileSize - moved.GetProperty("position").GetInt64();
        Assert.Equal(rest / rate, moved.GetProperty("etaSeconds").GetDouble(), 3);
        Assert.True(later.GetProperty("time").GetDateTimeOffset() > first.GetProperty("time").GetDateTimeOffset());
        var connections = later.GetProperty("connections");
        Assert.True(connections.GetProperty("busy").GetInt32() >= 1, later.ToString());
        Assert.Equal(8, connections.GetProperty("maximum").GetInt32());
        Assert.True(later.GetProperty("cache").GetProperty("misses").GetInt64() >= 1, later.ToString());

        // The text report says the same, with the size and the percentage.
        var text = await FtpmountBinary.RunAsync(["status", mount.MountPoint], new Dictionary<string, string>(), TimeSpan.FromSeconds(30), Ct);
        Assert.Matches(@"transfer     download /big\.bin  \d+(\.\d)? [KM]iB of 24\.0 MiB \(\d+ %\)  \d+(\.\d)? [KM]iB/s  ETA \d+ (s|min)", text.Output);
    }

    [Fact(Timeout = 240_000)]
    public async Task Uploads_in_flight_show_the_saved_file_not_its_temporary_name()
    {
        await using var mount = await ThrottledMount.StartAsync(FtpServerKind.Pyftpdlib, Cap, "writeback,writeback_delay=0", _ => { });

        // Large sequential writes of a new file stream into STOR while the program writes: size not known yet.
        mount.StartInMount($"dd if=/dev/zero of=streamed.bin bs=1M count={FileSize / (1024 * 1024)} status=none");
        var (report, streamed) = await mount.WaitForTransferAsync("/streamed.bin", "upload", 1);
        Assert.Equal(JsonValueKind.Null, streamed.GetProperty("total").ValueKind);
        Assert.Equal(JsonValueKind.Null, streamed.GetProperty("etaSeconds").ValueKind);
        Assert.DoesNotContain(".ftpmount-", report.GetProperty("transfers").ToString(), StringComparison.Ordinal);

        // Small writes go to the spool only; after close() write-back uploads the whole file, whose size is known.
        var write = await FaultyMount.ShellAsync($"dd if=/dev/zero of='{mount.MountPoint}/saved.bin' bs=32k count={FileSize / 32768} status=none");
        Assert.True(write.ExitCode == 0, write.Error);
        (report, var saved) = await mount.WaitForTransferAsync("/saved.bin", "upload", 1);
        Assert.Equal(FileSize, saved.GetProperty("total").GetInt64());
        Assert.DoesNotContain(".ftpmount-", report.GetProperty("transfers").ToString(), StringComparison.Ordinal);
        var queued = Assert.Single(report.GetProperty("uploads").GetProperty("queue").EnumerateArray(), e => e.GetProperty("path").GetString() == "/saved.bin");
        Assert.Equal("uploading", queued.GetProperty("state").GetString());
        Assert.Equal(FileSize, queued.GetProperty("bytes").GetInt64());
        Assert.Equal(0, queued.GetProperty("failures").GetInt32());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_refused_write_back_upload_shows_its_failures_last_error_and_next_attempt()
    {
        await using var mount = await FaultyMount.StartAsync(
            FtpServerKind.Pyftpdlib, throughProxy: true, options: $"{FaultyMount.DefaultOptions},writeback,writeback_delay=0");
        var proxy = mount.Proxy!;
        var refused = 0;
        Func<string, string?> replace = null!;
        replace = text =>
        {
            proxy.ReplaceNextReply(replace);
            if (text.StartsWith("226", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref refused);
                return "452 Insufficient storage space\r\n";
            }

            return text;
        };
        proxy.ReplaceNextReply(replace);
        Assert.Equal(0, (await mount.InMountAsync("printf precious > kept.txt")).ExitCode);

        JsonElement report = default;
        JsonElement entry = default;
        Assert.True(await Poll.UntilAsync(async () =>
        {
            var status = await FtpmountBinary.RunAsync(["status", "--json", mount.MountPoint], new Dictionary<string, string>(), TimeSpan.FromSeconds(30), Ct);
            using var document = JsonDocument.Parse(status.Output);
            report = document.RootElement.Clone();
            var queue = report.GetProperty("uploads").GetProperty("queue");
            entry = queue.GetArrayLength() == 1 ? queue[0].Clone() : default;
            return entry.ValueKind == JsonValueKind.Object && entry.GetProperty("failures").GetInt32() >= 2
                && entry.GetProperty("state").GetString() == "waiting";
        }, TimeSpan.FromSeconds(60)), $"no waiting retry after two failures; last report:\n{report}");

        Assert.Equal("/kept.txt", entry.GetProperty("path").GetString());
        Assert.Equal(8, entry.GetProperty("bytes").GetInt64());
        Assert.Contains("452", entry.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(entry.GetProperty("nextAttempt").GetDateTimeOffset() > report.GetProperty("time").GetDateTimeOffset().AddMilliseconds(-1));
        var uploads = report.GetProperty("uploads");
        Assert.Equal(1, uploads.GetProperty("retrying").GetInt32());
        Assert.Equal(1, uploads.GetProperty("queued").GetInt32());
        Assert.True(report.GetProperty("writeBack").GetBoolean());

        var text = await FtpmountBinary.RunAsync(["status", mount.MountPoint], new Dictionary<string, string>(), TimeSpan.FromSeconds(30), Ct);
        Assert.Matches(@"queued       /kept\.txt  8 B  (retry \d+ in \d+ s|retry \d+, waiting for a connection|uploading \(retry \d+\)); last error: .*452", text.Output);
    }

    [Fact(Timeout = 240_000)]
    public async Task Watch_without_a_terminal_prints_each_second_and_ends_when_the_mount_goes_away()
    {
        await using var mount = await ThrottledMount.StartAsync(FtpServerKind.Pyftpdlib, Cap, "no_segments", s => s.CreateFile("data/big.bin", new byte[FileSize]));
        mount.StartInMount("cat big.bin > /dev/null");
        await mount.WaitForTransferAsync("/big.bin", "download", 1);

        using var json = FtpmountBinary.Start(["status", "--watch", "--json", mount.MountPoint], new Dictionary<string, string>());
        using var text = FtpmountBinary.Start(["status", "--watch", mount.MountPoint], new Dictionary<string, string>());
        mount.Track(json);
        mount.Track(text);
        var jsonError = json.StandardError.ReadToEndAsync(Ct);
        var textOutput = text.StandardOutput.ReadToEndAsync(Ct);

        // JSON lines, one document per second, for the same transfer further along each time.
        var times = new List<DateTimeOffset>();
        var positions = new List<long>();
        while (times.Count < 3)
        {
            var line = await json.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Ct);
            Assert.NotNull(line);
            using var document = JsonDocument.Parse(line);
            Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
            times.Add(document.RootElement.GetProperty("time").GetDateTimeOffset());
            var transfer = document.RootElement.GetProperty("transfers").EnumerateArray().FirstOrDefault();
            if (transfer.ValueKind == JsonValueKind.Object)
            {
                positions.Add(transfer.GetProperty("position").GetInt64());
            }
        }

        Assert.True(times[1] > times[0] && times[2] > times[1]);
        Assert.True(positions.Count >= 2 && positions[^1] > positions[0], string.Join(", ", positions));

        // The mount goes away: both watchers say so and end with 1.
        await mount.UnmountAsync();
        await json.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await text.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(ExitCodes.Failure, json.ExitCode);
        Assert.Equal(ExitCodes.Failure, text.ExitCode);
        Assert.Contains($"{mount.MountPoint}: the mount went away", await jsonError, StringComparison.Ordinal);
        var blocks = await textOutput;
        Assert.True(CountOf(blocks, $"{mount.MountPoint}  ") >= 2 && CountOf(blocks, "  connections  ") >= 2, blocks);
        Assert.DoesNotContain("\u001b[", blocks, StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    public async Task Watch_on_a_terminal_draws_a_progress_bar_per_transfer_and_ctrl_c_ends_it()
    {
        await using var mount = await ThrottledMount.StartAsync(FtpServerKind.Pyftpdlib, Cap, "no_segments", s => s.CreateFile("data/big.bin", new byte[FileSize]));
        mount.StartInMount("cat big.bin > /dev/null");
        await mount.WaitForTransferAsync("/big.bin", "download", 1);

        // script(1) gives the watcher a pseudo-terminal of 160x50; what it draws comes back on script's stdout.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var command = $"stty cols 160 rows 50; exec '{dotnet}' '{FtpmountBinary.DllPath}' status --watch '{mount.MountPoint}'";
        var start = new ProcessStartInfo("script") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-q", "-f", "-e", "-c", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["HOME"] = Path.GetTempPath();
        using var script = Process.Start(start)!;
        mount.Track(script);
        var screen = new StringBuilder();
        var reading = PumpAsync(script.StandardOutput, screen);
        Assert.True(await Poll.UntilAsync(() => Snapshot(screen).Contains("/big.bin", StringComparison.Ordinal)
            && Snapshot(screen).Contains('━', StringComparison.Ordinal) && CountOf(Snapshot(screen), "updated ") >= 2, TimeSpan.FromSeconds(90)),
            $"no live screen with the transfer's bar after 90 s:\n{Snapshot(screen)}");

        var drawn = Snapshot(screen);
        Assert.Contains("\u001b[", drawn, StringComparison.Ordinal);
        Assert.Contains("↓ download", drawn, StringComparison.Ordinal);
        Assert.Matches(@"of 24\.0 MiB \(\d+ %\)", drawn);
        Assert.Contains("connections", drawn, StringComparison.Ordinal);

        // Ctrl+C: the terminal's interrupt character, delivered by the line discipline as SIGINT.
        var watcher = Assert.Single(HostState.ProcessesFor(mount.MountPoint), pid => FtpmountBinary.ProcStrings(pid, "cmdline")?.Contains("--watch") == true);
        await script.StandardInput.WriteAsync("\u0003");
        await script.StandardInput.FlushAsync(Ct);
        if (!await Poll.UntilAsync(() => !MountProcess.IsAlive(watcher), TimeSpan.FromSeconds(20)))
        {
            // A pty that did not turn ^C into SIGINT (no job control): the same signal, sent directly.
            Assert.Equal(0, Native.LibC.kill(watcher, 2));
        }

        await script.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await reading;
        Assert.True(script.ExitCode == 0, $"watch exited with {script.ExitCode}:\n{Snapshot(screen)}");
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, Ct)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    private static string Snapshot(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
