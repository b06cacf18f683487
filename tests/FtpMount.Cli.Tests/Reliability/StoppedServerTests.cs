using System.Diagnostics;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// <c>timeout=</c> bounds what a program waits for a server that stopped answering, retries included: every process
/// of a real daemon is stopped (SIGSTOP) while a program reads and another lists (issue 11 point 14: with timeout=10
/// a reader got EIO after 80-92 s and a listing after 30-40 s).
/// </summary>
[Trait("Category", "Integration")]
public class StoppedServerTests(ITestOutputHelper output)
{
    private const int Timeout = 10;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(Timeout * 1.5);

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Big => TestData.Bytes(128 * 1024 * 1024, 21);

    // Reads 1 MiB every 0.1 s (10 MiB/s), so the read is still going when the server stops, and each read is
    // several FUSE requests plus the kernel's read-ahead: the queue that made a reader wait 80-92 s. Creates the
    // marker file once 4 MiB were read, so the server is stopped mid-read even when python starts slowly. When a
    // read fails it prints how long that read() call waited: what the mount had already received goes on being
    // read after the stop (seconds of it on a loaded machine), and only the wait for the silent server is bounded.
    private static string SlowReader(string marker) =>
        "python3 -c \"import sys,time\nf=open('big.bin','rb')\nn=0\nwhile True:\n t=time.monotonic()\n try:\n  b=f.read(1048576)\n"
        + " except OSError:\n  sys.stderr.write('read waited %.3f s\\n' % (time.monotonic()-t))\n  raise\n if not b: break\n n+=1\n"
        + $" if n==4: open('{marker}','w').close()\n time.sleep(0.1)\"";

    private static TimeSpan ReadWaited(string error)
    {
        var match = System.Text.RegularExpressions.Regex.Match(error, @"read waited ([0-9.]+) s");
        Assert.True(match.Success, $"the reader did not say how long its failed read waited: {error}");
        return TimeSpan.FromSeconds(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory(Timeout = 240_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_stopped_server_fails_a_read_and_a_listing_within_the_timeout_and_the_mount_recovers(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(
            kind,
            options: $"timeout={Timeout},connect_timeout=5,dir_cache_ttl=1,attr_timeout=1",
            seed: s =>
            {
                s.CreateFile("big.bin", Big);
                s.CreateFile("d1/a.txt", "a"u8);
            });
        var marker = Path.Combine(Path.GetTempPath(), $"ftpmount-stopped-{Guid.NewGuid():N}");
        var reading = mount.InMountAsync(SlowReader(marker), 120);
        var waiting = Stopwatch.StartNew();
        while (!File.Exists(marker))
        {
            if (reading.IsCompleted || waiting.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"the reader never read 4 MiB: {(reading.IsCompleted ? (await reading).Error : "still starting after 60 s")}");
            }

            await Task.Delay(50, Ct);
        }

        File.Delete(marker);
        var stopped = await StopAsync(mount.Server);
        try
        {
            var since = Stopwatch.StartNew();
            var listing = await mount.InMountAsync("ls d1", 120);
            var read = await reading;
            var readTook = since.Elapsed;
            output.WriteLine($"{kind}, timeout={Timeout}: ls failed after {listing.Took.TotalSeconds:0.0} s (exit {listing.ExitCode}), " +
                $"the read failed {readTook.TotalSeconds:0.0} s after the stop (exit {read.ExitCode}: {read.Error.Trim()})");

            Assert.NotEqual(0, listing.ExitCode);
            Assert.Contains("Input/output error", listing.Error, StringComparison.Ordinal);
            Assert.True(listing.Took < Bound, $"ls took {listing.Took} with timeout={Timeout}");
            Assert.NotEqual(0, read.ExitCode);
            Assert.Contains("Input/output error", read.Error, StringComparison.Ordinal);
            var waited = ReadWaited(read.Error);
            Assert.True(waited < Bound, $"the failed read waited {waited} ({readTook} after the server stopped), with timeout={Timeout}");
        }
        finally
        {
            await SignalAsync(stopped, "CONT");
        }

        var again = await mount.InMountAsync("ls d1 && sha256sum big.bin", 60);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains(TestData.Sha256(Big), again.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Stops the daemon and every session process it has. pure-ftpd, proftpd and vsftpd fork a process per
    /// connection: one forked between listing the processes and stopping them would go on serving (a loaded machine
    /// made `ls` succeed that way), so look again until a look finds nobody new; once the listener is stopped no
    /// new session can start.
    /// </summary>
    private static async Task<IReadOnlyList<int>> StopAsync(FtpTestServer server)
    {
        var stopped = new List<int>();
        for (var look = 0; look < 20; look++)
        {
            var fresh = server.GetProcessIds().Except(stopped).ToList();
            if (fresh.Count == 0)
            {
                Assert.NotEmpty(stopped);
                return stopped;
            }

            await SignalAsync(fresh, "STOP");
            stopped.AddRange(fresh);
        }

        Assert.Fail($"the server kept starting processes after 20 rounds of SIGSTOP: {string.Join(' ', stopped)}");
        return stopped;
    }

    private static async Task SignalAsync(IReadOnlyList<int> pids, string signal)
    {
        var result = await FaultyMount.ShellAsync($"kill -{signal} {string.Join(' ', pids)}", 10);
        Assert.True(result.ExitCode == 0, $"kill -{signal}: {result.Error}");
    }
}
