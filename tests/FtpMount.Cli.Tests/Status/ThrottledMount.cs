using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Cli.Tests.Reliability;
using FtpMount.FtpProxy;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Status;

/// <summary>
/// A real server's folder <c>/data</c> mounted through the fault proxy with a bandwidth cap, so transfers last long
/// enough to be watched; the mount shows <c>/data/NAME</c> as <c>/NAME</c> (server paths and mount paths differ).
/// Disposing stops the programs it started, unmounts (ftpmount unmount, then fusermount3 -u -z), stops proxy and server.
/// </summary>
internal sealed class ThrottledMount : IAsyncDisposable
{
    private readonly List<Process> _programs = [];

    private ThrottledMount(FtpTestServer server, FtpProxy.FtpProxy proxy, string mountPoint)
    {
        Server = server;
        Proxy = proxy;
        MountPoint = mountPoint;
    }

    public FtpTestServer Server { get; }

    public FtpProxy.FtpProxy Proxy { get; }

    public string MountPoint { get; }

    public string Source => $"ftp://{Server.UserName}@127.0.0.1:{Proxy.Port}/data";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Mounts with <paramref name="options"/>; <paramref name="seed"/> puts files in the server's /data first.</summary>
    public static async Task<ThrottledMount> StartAsync(FtpServerKind kind, long bytesPerSecond, string options, Action<FtpTestServer> seed)
    {
        var server = await FtpTestServer.StartAsync(kind, null, Ct);
        var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, server.Port), FtpProxyOptions.Default with { BandwidthBytesPerSecond = bytesPerSecond });
        var mount = new ThrottledMount(server, proxy, Directory.CreateTempSubdirectory("ftpmount-status-").FullName);
        try
        {
            server.CreateDirectory("data");
            seed(server);
            var result = await FtpmountBinary.RunAsync(
                [mount.Source, mount.MountPoint, "-o", options],
                new Dictionary<string, string> { ["FTPMOUNT_PASSWORD"] = server.Password },
                TimeSpan.FromSeconds(60),
                Ct);
            Assert.True(result.ExitCode == 0, $"mount failed: {result.Error}");
            return mount;
        }
        catch
        {
            await mount.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a shell command in the mount (cat, dd) and leaves it running; disposal ends it.</summary>
    public Process StartInMount(string command)
    {
        var start = new ProcessStartInfo("timeout") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kill-after=5", "240", "sh", "-c", $"cd '{MountPoint}' && {command}" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        _programs.Add(process);
        return process;
    }

    /// <summary>Keeps a program (ftpmount status --watch) to be ended at disposal if the test did not end it.</summary>
    public void Track(Process process) => _programs.Add(process);

    /// <summary><c>ftpmount status --json MOUNTPOINT</c>, parsed.</summary>
    public async Task<JsonElement> StatusJsonAsync()
    {
        var status = await FtpmountBinary.RunAsync(["status", "--json", MountPoint], new Dictionary<string, string>(), TimeSpan.FromSeconds(30), Ct);
        Assert.True(status.ExitCode == 0, status.Error);
        using var document = JsonDocument.Parse(status.Output);
        return document.RootElement.Clone();
    }

    /// <summary>The first report whose transfers include one on <paramref name="path"/> that has moved at least <paramref name="bytes"/>.</summary>
    public async Task<(JsonElement Report, JsonElement Transfer)> WaitForTransferAsync(string path, string direction, long bytes)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var report = await StatusJsonAsync();
            foreach (var transfer in report.GetProperty("transfers").EnumerateArray())
            {
                if (transfer.GetProperty("path").GetString() == path && transfer.GetProperty("direction").GetString() == direction
                    && transfer.GetProperty("bytes").GetInt64() >= bytes)
                {
                    return (report, transfer);
                }
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"No {direction} of {path} with {bytes} bytes moved in the status within 90 s; last report:\n{report}");
            await Task.Delay(200, Ct);
        }
    }

    public async Task UnmountAsync()
    {
        var result = await FtpmountBinary.RunAsync(["unmount", MountPoint], new Dictionary<string, string>(), TimeSpan.FromSeconds(60), CancellationToken.None);
        if (result.ExitCode != 0 && File.ReadAllText("/proc/self/mountinfo").Contains(MountPoint, StringComparison.Ordinal))
        {
            await FaultyMount.ShellAsync($"fusermount3 -u -z '{MountPoint}'", 30);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var program in _programs)
        {
            try
            {
                if (!program.HasExited)
                {
                    program.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Ended meanwhile.
            }

            program.Dispose();
        }

        try
        {
            await UnmountAsync();
        }
        finally
        {
            await Proxy.DisposeAsync();
            await Server.DisposeAsync();
            try
            {
                Directory.Delete(MountPoint, recursive: true);
            }
            catch (IOException)
            {
                // Still busy after a lazy detach; the OS cleans temp.
            }
        }
    }
}
