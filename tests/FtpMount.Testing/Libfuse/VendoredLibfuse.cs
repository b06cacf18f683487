using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using FtpMount.Testing.Processes;

namespace FtpMount.Testing.Libfuse;

/// <summary>
/// The libfuse source releases in <c>&lt;repo&gt;/../shared/vendor/libfuse</c>, each built once per machine with
/// its <c>build.sh</c> into <c>$FTPMOUNT_LIBFUSE_CACHE</c> (default <c>/var/cache/ftpmount-libfuse</c>), in a
/// folder named after the version and the archive's SHA-256, so a changed archive is built again. A lock file per
/// folder makes two test processes starting at once build it once; within a process one task serves every caller.
/// </summary>
public static class VendoredLibfuse
{
    public const string CacheVariable = "FTPMOUNT_LIBFUSE_CACHE";
    public const string DefaultCache = "/var/cache/ftpmount-libfuse";

    /// <summary>The releases users' distributions ship: Ubuntu 22.04/Debian 11, Fedora 40/41, Debian 13/Arch, newest.</summary>
    public static readonly IReadOnlyList<string> Versions = ["3.10.5", "3.16.2", "3.17.4", "3.18.2"];

    private const string CompleteMarker = ".complete";
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(500);
    private static readonly string[] Tools = ["meson", "ninja", "pkg-config", "gcc", "tar"];
    private static readonly ConcurrentDictionary<string, Lazy<Task<LibfuseBuild>>> Builds = new(StringComparer.Ordinal);

    /// <summary><c>&lt;repo&gt;/../shared/vendor/libfuse</c>, found from the test assembly upwards.</summary>
    public static string SourceDirectory =>
        Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "vendor", "libfuse"));

    /// <summary>The built release; builds it first when this machine has no build of this archive yet.</summary>
    public static Task<LibfuseBuild> GetAsync(string version)
    {
        TestTier.RequireIntegration($"builds libfuse {version}");
        return Builds.GetOrAdd(version, v => new Lazy<Task<LibfuseBuild>>(() => Task.Run(() => BuildOnce(v)))).Value;
    }

    private static LibfuseBuild BuildOnce(string version)
    {
        string archive = Path.Combine(SourceDirectory, $"fuse-{version}.tar.gz");
        string script = Path.Combine(SourceDirectory, "build.sh");
        if (!File.Exists(archive) || !File.Exists(script))
        {
            throw new LibfuseBuildException($"{archive} or {script} is missing: the libfuse sources belong in ../shared/vendor/libfuse beside the repository.");
        }

        string cache = Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } configured ? configured : DefaultCache;
        Directory.CreateDirectory(cache);
        string prefix = Path.Combine(cache, $"{version}-{Sha256Prefix(archive)}");
        var build = new LibfuseBuild(version, prefix);
        if (IsComplete(build))
        {
            return build;
        }

        using FileStream lockFile = AcquireLock(prefix + ".lock");
        if (IsComplete(build))
        {
            return build;
        }

        RequireTools();
        if (Directory.Exists(prefix))
        {
            Directory.Delete(prefix, recursive: true);
        }

        string staging = prefix + ".building";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        (int exitCode, string output) = Run("bash", [script, version, staging], BuildDeadline);
        if (exitCode != 0 || !File.Exists(Path.Combine(staging, "lib", build.Soname)))
        {
            throw new LibfuseBuildException($"build.sh {version} failed (exit {exitCode}):\n{output}");
        }

        // build.sh bakes the prefix into fuse3.pc; point it at the final folder.
        string pc = Path.Combine(staging, "lib", "pkgconfig", "fuse3.pc");
        File.WriteAllText(pc, File.ReadAllText(pc).Replace(staging, prefix, StringComparison.Ordinal));
        Directory.Move(staging, prefix);
        File.WriteAllText(Path.Combine(prefix, CompleteMarker), output);
        return build;
    }

    private static bool IsComplete(LibfuseBuild build) =>
        File.Exists(Path.Combine(build.Prefix, CompleteMarker)) && File.Exists(build.LibraryPath);

    /// <summary>flock(2) through FileShare.None: .NET takes LOCK_EX|LOCK_NB, so a held lock is an IOException to retry.</summary>
    private static FileStream AcquireLock(string path)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < BuildDeadline)
            {
                Thread.Sleep(LockPoll);
            }
        }
    }

    private static void RequireTools()
    {
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries);
        string[] missing = Tools.Where(tool => !path.Any(directory => File.Exists(Path.Combine(directory, tool)))).ToArray();
        if (missing.Length > 0)
        {
            string packages = string.Join(' ', missing.Select(tool => tool == "ninja" ? "ninja-build" : tool));
            throw new LibfuseBuildException(
                $"Building the vendored libfuse releases needs {string.Join(", ", missing)}: apt-get install -y {packages} " +
                "(scripts/install-test-deps.sh installs them).");
        }
    }

    private static string Sha256Prefix(string file)
    {
        using FileStream stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }

    private static (int ExitCode, string Output) Run(string file, string[] arguments, TimeSpan deadline)
    {
        try
        {
            var result = DeadlineProcess.Run(DeadlineProcess.StartInfo(file, arguments), deadline);
            return (result.ExitCode, result.Output + result.Error);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new LibfuseBuildException(e.Message);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FtpMount.sln")))
            {
                return directory.FullName;
            }
        }

        throw new LibfuseBuildException($"FtpMount.sln not found above {AppContext.BaseDirectory}.");
    }
}
