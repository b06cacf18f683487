using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Cli.Tests.Mount;
using FtpMount.Testing;
using FtpMount.Testing.Libfuse;
using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Libfuse;

/// <summary>
/// A mount process (the real ftpmount binary with <c>-f</c>, or FtpMount.Fuse.ListingHost) running with one chosen
/// libfuse release, in a private mount namespace (<c>unshare -m</c>) where the machine's own libfuse files are covered
/// by /dev/null and LD_LIBRARY_PATH points at the release's build. The mount exists only inside that namespace, so
/// every program that uses it runs there too (<see cref="RunAsync"/>, through nsenter). Disposal always ends it: a
/// lazy unmount inside, then SIGKILL; the namespace, and any mount still in it, goes with its last process.
/// </summary>
internal sealed class ReleaseMount : IAsyncDisposable
{
    public static readonly TimeSpan MountDeadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(20);
    private static readonly ConcurrentDictionary<ReleaseMount, byte> Live = new();

    // Runs as the namespace's first program: cover each file named before "--" with /dev/null, then become the rest.
    // With OPEN_DEV_FUSE set it first covers /dev/fuse with a 0666 node of the same device, as distributions' udev
    // rules make it: container runtimes create it 0600, and libfuse opens it as the mounting user before it ever
    // runs fusermount3. Only this namespace sees either.
    private const string NamespaceScript = """
        set -e
        if [ -n "$OPEN_DEV_FUSE" ]; then
          d=$(mktemp -d /tmp/ftpmount-devfuse-XXXXXX)
          mknod -m 666 "$d/fuse" c $((0x$(stat -c %t /dev/fuse))) $((0x$(stat -c %T /dev/fuse)))
          mount --bind "$d/fuse" /dev/fuse
          rm -rf "$d"
          unset OPEN_DEV_FUSE
        fi
        while [ "$1" != -- ]; do mount --bind /dev/null "$1"; shift; done
        shift
        exec "$@"
        """;

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Task _drain;
    private readonly string _spoolDirectory;
    private readonly OnceOnlyDisposal _disposal;

    private ReleaseMount(Process process, string mountPoint, string spoolDirectory, MountUser user, LibfuseBuild? release)
    {
        _process = process;
        MountPoint = mountPoint;
        _spoolDirectory = spoolDirectory;
        User = user;
        Release = release;
        _drain = Task.WhenAll(DrainAsync(process.StandardOutput), DrainAsync(process.StandardError));
        _disposal = new OnceOnlyDisposal(DisposeCoreAsync);
        Live[this] = 0;
    }

    public string MountPoint { get; }

    public MountUser User { get; }

    /// <summary>The vendored build loaded; null for the machine's own libfuse (then nothing is hidden).</summary>
    public LibfuseBuild? Release { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>What ftpmount wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Whether the namespace has the FUSE mount (read from /proc/PID/mountinfo, never touching the mount).</summary>
    public bool IsMounted => MountPointsOf(ProcessId).Contains(MountPoint);

    /// <summary>
    /// Mounts <paramref name="server"/> as <paramref name="user"/> with <paramref name="release"/> (null: the
    /// machine's libfuse, nothing hidden) and waits until the namespace shows the mount.
    /// </summary>
    public static async Task<ReleaseMount> StartAsync(FtpTestServer server, LibfuseBuild? release, MountUser user, string? options = null)
    {
        TestTier.RequireIntegration("mounts with the ftpmount binary");
        var (mountPoint, spool) = await CreateDirectoriesAsync(user);
        string[] ftpmount =
        [
            DotnetHost, FtpmountBinary.DllPath,
            string.Create(CultureInfo.InvariantCulture, $"ftp://{server.UserName}@{server.Host}:{server.Port}/"), mountPoint, "-f",
            "-o", "spool_dir=" + spool + (string.IsNullOrEmpty(options) ? string.Empty : "," + options),
        ];
        return await LaunchAsync(ftpmount, new() { ["FTPMOUNT_PASSWORD"] = server.Password }, mountPoint, spool, user, release, "ftpmount");
    }

    /// <summary>
    /// Mounts FtpMount.Fuse.ListingHost (generated folders f0.. of <paramref name="namesPerFolder"/> names each, nothing
    /// kept in memory) as root with <paramref name="release"/>.
    /// </summary>
    public static async Task<ReleaseMount> StartListingHostAsync(LibfuseBuild? release, int folders, int namesPerFolder)
    {
        TestTier.RequireIntegration("mounts a FUSE filesystem");
        var (mountPoint, spool) = await CreateDirectoriesAsync(MountUser.Root);
        string[] host =
        [
            DotnetHost, Path.Combine(AppContext.BaseDirectory, "FtpMount.Fuse.ListingHost.dll"), mountPoint,
            folders.ToString(CultureInfo.InvariantCulture), namesPerFolder.ToString(CultureInfo.InvariantCulture),
        ];
        // What the memory test measures is libfuse's node table. Left alone, the GC's first-generation budget (sized
        // from the processor's cache: 12 MB of growth on a 2-core EPYC) and glibc's per-thread arenas (3.10.5's
        // uncapped workers) added 12-23 MB of noise to a 16 MB bound; with both small, every release grows < 2 MB.
        var quiet = new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x400000", ["MALLOC_ARENA_MAX"] = "2" };
        return await LaunchAsync(host, quiet, mountPoint, spool, MountUser.Root, release, "the listing host");
    }

    /// <summary>A path inside the mount.</summary>
    public string PathOf(string relative) => Path.Combine(MountPoint, relative.TrimStart('/'));

    /// <summary>Runs a program inside the mount's namespace as <see cref="User"/>, under a deadline.</summary>
    /// <remarks>
    /// Entering a mount namespace resets the root to that namespace's root: inside a chroot (as in CI) the program
    /// would see the host's / instead of ours, so <c>--root</c> and <c>--wd</c> take the mount process's root and
    /// folder along (without <c>--wd</c> the folder is outside the root, and getcwd fails in .NET's start-up).
    /// </remarks>
    public Task<ProgramResult> RunAsync(string file, params string[] arguments) =>
        ExternalProgram.RunAsync("nsenter", ["--target", ProcessId.ToString(CultureInfo.InvariantCulture), "--mount", "--root", "--wd", "--", .. User.Prefix, file, .. arguments]);

    /// <summary>As <see cref="RunAsync"/>, failing the test unless the program exits 0; returns its standard output.</summary>
    public async Task<string> RunCheckedAsync(string file, params string[] arguments)
    {
        var result = await RunAsync(file, arguments);
        Assert.True(result.ExitCode == 0, $"{result} {Describe()}");
        return result.Output;
    }

    /// <summary>
    /// Fails the test unless the process writes <paramref name="text"/> within 15 s: the console logger writes from its
    /// own thread, so a line logged before the mount may reach us after the mount is seen.
    /// </summary>
    public async Task AssertLoggedAsync(string text)
    {
        var logged = await Poll.UntilAsync(() => Log.Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.True(logged, $"\"{text}\" is not in the log. {Describe()}");
    }

    /// <summary>
    /// The libfuse files mapped into the ftpmount process, from /proc/PID/maps. In a chroot the kernel cannot reach
    /// our root from the process's namespace, so a path may carry the host's prefix before ours.
    /// </summary>
    public IReadOnlyList<string> MappedLibfuse() =>
        File.ReadAllLines($"/proc/{ProcessId.ToString(CultureInfo.InvariantCulture)}/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5]).StartsWith("libfuse3.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>VmRSS of the ftpmount process, in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadAllLines($"/proc/{ProcessId.ToString(CultureInfo.InvariantCulture)}/status")
            .Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>True when ftpmount ended within <paramref name="deadline"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan deadline) => DeadlineProcess.WaitForExitAsync(_process, _drain, deadline);

    public string Describe() =>
        $"[{Release?.ToString() ?? "machine's libfuse"} as {User}, pid {ProcessId}, {(HasExited ? $"exited {ExitCode}" : "running")}]\n--- output ---\n{Log}";

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static async Task<(string MountPoint, string Spool)> CreateDirectoriesAsync(MountUser user)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var mountPoint = Path.Combine(Path.GetTempPath(), "ftpmount-lfmnt-" + id);
        var spool = Path.Combine(Path.GetTempPath(), "ftpmount-lfspool-" + id);
        Directory.CreateDirectory(mountPoint);
        Directory.CreateDirectory(spool);
        await user.GiveAsync(mountPoint);
        await user.GiveAsync(spool);
        return (mountPoint, spool);
    }

    private static async Task<ReleaseMount> LaunchAsync(
        string[] program, Dictionary<string, string> environment, string mountPoint, string spool, MountUser user, LibfuseBuild? release, string what)
    {
        var hidden = release is null ? [] : await SystemLibfuse.FindAsync();
        var start = new ProcessStartInfo("unshare")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--mount", "--propagation", "private", "--", "/bin/sh", "-c", NamespaceScript, "sh", .. hidden, "--", .. user.Prefix, .. program])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "FTPMOUNT_DAEMON_CHILD", "NOTIFY_SOCKET", "CREDENTIALS_DIRECTORY", "LD_LIBRARY_PATH", "FTPMOUNT_PASSWORD" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = Path.GetTempPath();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        if (release is not null)
        {
            start.Environment["LD_LIBRARY_PATH"] = release.LibraryDirectory;
        }

        const UnixFileMode OthersReadWrite = UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if (!user.IsRoot && (File.GetUnixFileMode("/dev/fuse") & OthersReadWrite) != OthersReadWrite)
        {
            start.Environment["OPEN_DEV_FUSE"] = "1";
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start unshare.");
        process.StandardInput.Close();
        var mount = new ReleaseMount(process, mountPoint, spool, user, release);
        try
        {
            var up = await Poll.UntilAsync(() => mount.IsMounted || process.HasExited, MountDeadline);
            Assert.True(up && mount.IsMounted, $"{what} with {release?.ToString() ?? "the machine's libfuse"} did not mount within {MountDeadline.TotalSeconds} s. {mount.Describe()}");
            return mount;
        }
        catch
        {
            await mount.DisposeAsync();
            throw;
        }
    }

    /// <summary>Disposes every instance whose test did not (a timed-out test is abandoned by xunit).</summary>
    public static async Task DisposeAllAsync()
    {
        foreach (var mount in Live.Keys)
        {
            await mount.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(_disposal.RunAsync());

    private async Task DisposeCoreAsync()
    {
        try
        {
            if (!_process.HasExited && IsMounted)
            {
                await TryAsync(() => ExternalProgram.RunAsync(
                    "nsenter", ["--target", ProcessId.ToString(CultureInfo.InvariantCulture), "--mount", "--root", "--wd", "--", "fusermount3", "-u", "-z", MountPoint], StepDeadline, CancellationToken.None));
            }

            if (!await WaitForExitAsync(StepDeadline))
            {
                // The namespace dies with its last process, and a FUSE mount in it with the namespace.
                _process.Kill(entireProcessTree: true);
                await WaitForExitAsync(StepDeadline);
            }

            // Never mounted in this namespace, and its own namespace is gone: safe to remove.
            if (Directory.Exists(MountPoint) && !Directory.EnumerateFileSystemEntries(MountPoint).Any())
            {
                Directory.Delete(MountPoint);
            }

            if (Directory.Exists(_spoolDirectory))
            {
                Directory.Delete(_spoolDirectory, recursive: true);
            }
        }
        finally
        {
            _process.Dispose();
            Live.TryRemove(this, out _);
        }
    }

    /// <summary>The FUSE mount points of <paramref name="pid"/>'s mount namespace; none once it has exited.</summary>
    private static string[] MountPointsOf(int pid)
    {
        try
        {
            // "36 35 98:0 / /mnt/x rw,nosuid - fuse.ftpmount ftp://... rw,user_id=..." : field 5 is the mount point.
            return File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/mountinfo")
                .Where(line => line.Contains(" - fuse", StringComparison.Ordinal))
                .Select(line => line.Split(' ')[4])
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static async Task TryAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The kill that follows is there for a failed step.
        }
    }

    private async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lock (_log)
            {
                if (_log.Length < 200_000)
                {
                    _log.AppendLine(line);
                }
            }
        }
    }
}
