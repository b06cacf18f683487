using System.Diagnostics;
using System.Net;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.FtpProxy;
using FtpMount.Testing;
using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// A real server, optionally behind the fault proxy, mounted by the real ftpmount binary with short deadlines.
/// File operations run as child processes under a timeout, so a stuck request fails the test instead of hanging
/// it. Dispose always unmounts (ftpmount unmount, then fusermount3 -u -z) and stops proxy and server.
/// </summary>
internal sealed class FaultyMount : IAsyncDisposable
{
    public const string DefaultOptions = "timeout=4,connect_timeout=4,dir_cache_ttl=1,attr_timeout=1";

    private FaultyMount(FtpTestServer server, FtpProxy.FtpProxy? proxy, string mountPoint, string options)
    {
        Server = server;
        Proxy = proxy;
        MountPoint = mountPoint;
        Options = options;
    }

    public FtpTestServer Server { get; }

    public FtpProxy.FtpProxy? Proxy { get; }

    public string MountPoint { get; }

    public string Options { get; }

    /// <summary>What the last mount printed until it was ready (its log), for failure messages.</summary>
    public string LastMountLog { get; private set; } = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string PathOf(string name) => Path.Combine(MountPoint, name);

    public string ServerPathOf(string name) => Path.Combine(Server.RootDirectory, name);

    public static async Task<FaultyMount> StartAsync(
        FtpServerKind kind, FtpServerOptions? serverOptions = null, bool throughProxy = false, string options = DefaultOptions, Action<FtpTestServer>? seed = null)
    {
        var server = await FtpTestServer.StartAsync(kind, serverOptions, Ct);
        FtpProxy.FtpProxy? proxy = null;
        var mountPoint = Directory.CreateTempSubdirectory("ftpmount-faults-").FullName;
        try
        {
            seed?.Invoke(server);
            proxy = throughProxy ? FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, server.Port), FtpProxyOptions.Default) : null;
            var mount = new FaultyMount(server, proxy, mountPoint, options);
            await mount.MountAsync();
            return mount;
        }
        catch
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }

            await server.DisposeAsync();
            Directory.Delete(mountPoint, recursive: true);
            throw;
        }
    }

    public async Task MountAsync()
    {
        var port = Proxy?.Port ?? Server.Port;
        var result = await FtpmountBinary.RunAsync(
            [$"ftp://{Server.UserName}@127.0.0.1:{port}/", MountPoint, "-o", Options],
            new Dictionary<string, string> { ["FTPMOUNT_PASSWORD"] = Server.Password },
            TimeSpan.FromSeconds(60),
            Ct);
        Assert.True(result.ExitCode == 0, $"mount failed: {result.Error}");
        LastMountLog = result.Error;
    }

    /// <summary>Runs a shell command; the whole of it is killed at the deadline.</summary>
    public static async Task<(int ExitCode, string Output, string Error, TimeSpan Took)> ShellAsync(string command, int timeoutSeconds = 60)
    {
        // timeout(1) ends the command itself (exit 124) so its result can be asserted; the outer deadline only
        // catches a timeout(1) that could not end it.
        var start = DeadlineProcess.StartInfo(
            "timeout", ["--kill-after=5", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "sh", "-c", command]);
        var watch = Stopwatch.StartNew();
        var result = await DeadlineProcess.RunAsync(start, TimeSpan.FromSeconds(timeoutSeconds + 30), Ct);
        return (result.ExitCode, result.Output, result.Error, watch.Elapsed);
    }

    public Task<(int ExitCode, string Output, string Error, TimeSpan Took)> InMountAsync(string command, int timeoutSeconds = 60) =>
        ShellAsync($"cd '{MountPoint}' && {command}", timeoutSeconds);

    public async Task UnmountAsync()
    {
        var result = await FtpmountBinary.RunAsync(["unmount", MountPoint], new Dictionary<string, string>(), TimeSpan.FromSeconds(30), Ct);
        if (result.ExitCode != 0 && File.ReadAllText("/proc/self/mountinfo").Contains(MountPoint, StringComparison.Ordinal))
        {
            await ShellAsync($"fusermount3 -u -z '{MountPoint}'", 30);
        }

        // A remount must not race the old daemon for the spool folder; one that never ends shows in the next mount's error.
        await FtpmountBinary.WaitForDaemonsToEndAsync(MountPoint, TimeSpan.FromSeconds(30), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await UnmountAsync();
        }
        finally
        {
            if (Proxy is not null)
            {
                await Proxy.DisposeAsync();
            }

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
