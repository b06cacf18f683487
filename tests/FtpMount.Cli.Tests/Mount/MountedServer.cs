using System.Collections.Concurrent;
using System.Globalization;
using FtpMount.Cli.Mounting;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Testing;
using FtpMount.Testing.Hostile;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// An FTP server mounted with the real <c>ftpmount</c> binary on a fresh directory under /tmp: a real daemon
/// (<see cref="StartAsync(FtpServerKind, string?, bool)"/>) or the in-process scriptable
/// <see cref="HostileFtpServer"/> (<see cref="StartHostileAsync"/>). Disposal always leaves nothing behind, whatever
/// the test did: <c>ftpmount unmount</c>, then <c>fusermount3 -u -z</c>, then SIGKILL to the ftpmount process, then
/// the mount point, the spool folder and the server are removed.
/// </summary>
internal sealed class MountedServer : IAsyncDisposable
{
    /// <summary>How long ftpmount gets to show up in /proc/self/mountinfo, and each step of disposal to take effect.</summary>
    public static readonly TimeSpan MountDeadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(15);

    // Every instance not yet disposed, for MountSweeper: a test that times out is abandoned by xunit while its own
    // disposal still runs, and the test process may exit before that disposal is done.
    private static readonly ConcurrentDictionary<MountedServer, byte> Live = new();

    private readonly string _spoolDirectory;
    private readonly OnceOnlyDisposal _disposal;

    private MountedServer(ITestFtpServer server, string mountPoint, string spoolDirectory)
    {
        Endpoint = server;
        MountPoint = mountPoint;
        _spoolDirectory = spoolDirectory;
        _disposal = new OnceOnlyDisposal(DisposeCoreAsync);
        Live[this] = 0;
    }

    /// <summary>The server behind the mount, whichever kind it is.</summary>
    public ITestFtpServer Endpoint { get; }

    /// <summary>The real daemon behind the mount; only for mounts made by <see cref="StartAsync(FtpServerKind, string?, bool)"/>.</summary>
    public FtpTestServer Server => Endpoint as FtpTestServer
        ?? throw new InvalidOperationException("This mount serves a HostileFtpServer; use Hostile.");

    /// <summary>The scriptable server behind the mount; only for mounts made by <see cref="StartHostileAsync"/>.</summary>
    public HostileFtpServer Hostile => Endpoint as HostileFtpServer
        ?? throw new InvalidOperationException("This mount serves a real daemon; use Server.");

    public string MountPoint { get; }

    /// <summary>The process serving the mount; null only while starting.</summary>
    public MountProcess? Ftpmount { get; private set; }

    /// <summary>Whether the mount point is in /proc/self/mountinfo as a FUSE mount (read without touching the mount).</summary>
    public bool IsMounted => IsFuseMount(MountPoint);

    /// <summary>
    /// Starts a server of <paramref name="kind"/> and mounts it. <paramref name="options"/> are added to -o;
    /// <paramref name="background"/> runs ftpmount the default way (it returns once the mount is ready) instead of -f.
    /// </summary>
    public static Task<MountedServer> StartAsync(FtpServerKind kind, string? options = null, bool background = false) =>
        StartAsync(kind, _ => options, background);

    /// <summary>As above, with options that depend on the started server (its certificate's fingerprint, say).</summary>
    public static async Task<MountedServer> StartAsync(FtpServerKind kind, Func<FtpTestServer, string?> options, bool background = false)
    {
        var server = await FtpTestServer.StartAsync(kind, ct: TestContext.Current.CancellationToken);
        return await MountNewAsync(server, options(server), background);
    }

    /// <summary>As above, with the server configured by <paramref name="serverOptions"/>.</summary>
    public static async Task<MountedServer> StartAsync(FtpServerKind kind, FtpServerOptions serverOptions, string? options)
    {
        var server = await FtpTestServer.StartAsync(kind, serverOptions, TestContext.Current.CancellationToken);
        return await MountNewAsync(server, options, background: false);
    }

    /// <summary>
    /// Starts a <see cref="HostileFtpServer"/> (owned by the mount, disposed with it), lets <paramref name="seed"/> put
    /// files in its folder and script it, and mounts it. Scripting can go on through <see cref="Hostile"/> afterwards.
    /// </summary>
    public static async Task<MountedServer> StartHostileAsync(
        HostileFtpServerOptions? serverOptions = null, string? options = null, Action<HostileFtpServer>? seed = null, bool background = false)
    {
        TestTier.RequireIntegration("mounts the in-process FTP server with the ftpmount binary");
        var server = HostileFtpServer.Start(serverOptions);
        try
        {
            seed?.Invoke(server);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return await MountNewAsync(server, options, background);
    }

    private static async Task<MountedServer> MountNewAsync(ITestFtpServer server, string? options, bool background)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var mounted = new MountedServer(
            server,
            Path.Combine(Path.GetTempPath(), "ftpmount-mnt-" + id),
            Path.Combine(Path.GetTempPath(), "ftpmount-spool-" + id));
        try
        {
            Directory.CreateDirectory(mounted.MountPoint);
            await mounted.MountAsync(options, background);
            return mounted;
        }
        catch
        {
            await mounted.DisposeAsync();
            throw;
        }
    }

    /// <summary>A path inside the mount.</summary>
    public string PathOf(string relative) => Path.Combine(MountPoint, relative.TrimStart('/'));

    /// <summary>The same path on the server's side: the file the daemon really wrote.</summary>
    public string ServerPathOf(string relative) => Path.Combine(Endpoint.RootDirectory, relative.TrimStart('/'));

    /// <summary>ftpmount's and the server's logs, for an assertion message.</summary>
    public string Describe() =>
        $"{DescribeServer()}, mounted on {MountPoint}"
        + $"\n--- ftpmount ---\n{Ftpmount?.Log}\n--- server ---\n{Endpoint.ReadServerLog()}";

    /// <summary>Disposes every instance whose test has not (yet) done so itself, and waits for disposals in progress.</summary>
    public static async Task DisposeAllAsync()
    {
        foreach (var mounted in Live.Keys)
        {
            await mounted.DisposeAsync();
        }
    }

    /// <summary>Safe to call more than once and from several places at once: every caller waits for the one disposal.</summary>
    public ValueTask DisposeAsync() => new(_disposal.RunAsync());

    private async Task DisposeCoreAsync()
    {
        // Nothing here may use the test's token: disposal must also run after a test that timed out. Each step
        // runs whatever the one before it did; the server goes last, whatever happened.
        try
        {
            await UnmountAsync();
            await StopFtpmountAsync();
            if (IsMounted)
            {
                await TryAsync(() => ExternalProgram.RunAsync("umount", ["-l", MountPoint], StepDeadline, CancellationToken.None));
            }

            // Never recursive: should the mount still be there, a recursive delete would empty the server.
            if (!IsMounted && Directory.Exists(MountPoint))
            {
                Directory.Delete(MountPoint, recursive: false);
            }

            if (Directory.Exists(_spoolDirectory))
            {
                Directory.Delete(_spoolDirectory, recursive: true);
            }
        }
        finally
        {
            await Endpoint.DisposeAsync();
            Live.TryRemove(this, out _);
        }
    }

    private async Task UnmountAsync()
    {
        if (IsMounted)
        {
            await TryAsync(() => FtpmountBinary.RunAsync(["unmount", MountPoint], new Dictionary<string, string>(), StepDeadline, CancellationToken.None));
        }

        if (IsMounted)
        {
            // Lazy: detaches even while a stuck program still holds a file open in the mount.
            await TryAsync(() => ExternalProgram.RunAsync("fusermount3", ["-u", "-z", MountPoint], StepDeadline, CancellationToken.None));
        }
    }

    private async Task StopFtpmountAsync()
    {
        if (Ftpmount is not { } process)
        {
            return;
        }

        if (!await process.WaitForExitAsync(StepDeadline))
        {
            process.Kill();
            await process.WaitForExitAsync(StepDeadline);
        }

        process.Dispose();
    }

    private static async Task TryAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed or timed-out step is what the next one is there for.
        }
    }

    private async Task MountAsync(string? options, bool background)
    {
        var all = "spool_dir=" + _spoolDirectory + (string.IsNullOrEmpty(options) ? string.Empty : "," + options);
        var source = string.Create(CultureInfo.InvariantCulture, $"ftp://{Endpoint.UserName}@{Endpoint.Host}:{Endpoint.Port}/");
        string[] arguments = [source, MountPoint, "-o", all];
        var environment = new Dictionary<string, string> { ["FTPMOUNT_PASSWORD"] = Endpoint.Password };
        if (background)
        {
            var (daemon, starterLog) = await MountProcess.StartBackgroundAsync(arguments, environment, MountPoint, MountDeadline);
            Assert.True(daemon is not null, $"Background ftpmount did not come up: {starterLog} {Describe()}");
            Ftpmount = daemon;
        }
        else
        {
            Ftpmount = MountProcess.StartForeground(arguments, environment);
        }

        var process = Ftpmount;
        var up = await Poll.UntilAsync(() => IsMounted || process.HasExited, MountDeadline);
        Assert.True(up && IsMounted, $"ftpmount did not mount within {MountDeadline.TotalSeconds} s. {Describe()}");
    }

    private string DescribeServer() => Endpoint is FtpTestServer daemon
        ? $"{daemon} ({(daemon.IsRunning ? "running: " + string.Join(' ', daemon.GetProcessIds()) : "not running")})"
        : Endpoint.ToString() ?? "server";

    private static bool IsFuseMount(string mountPoint) =>
        MountTable.Find(MountTable.Read(), mountPoint) is { } entry && entry.FileSystemType.StartsWith("fuse", StringComparison.Ordinal);
}
