using System.Security.Cryptography;
using System.Text;
using FtpMount.Cli.Options;
using FtpMount.Core;
using FtpMount.Core.Cache;
using FtpMount.Ftp;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Mounting;

/// <summary>
/// What every mount runner does before it has an adapter: the remote filesystem core over a connected FTP client,
/// rooted at the URL's path, with a private spool folder; and the spool's removal afterwards.
/// </summary>
internal static class RemoteCoreOpener
{
    /// <summary>Our own per-mount spool folder goes when nothing is pending in it; a user-chosen one stays.</summary>
    public static void RemoveSpoolIfEmpty(string directory, bool ours)
    {
        try
        {
            if (ours && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Something arrived meanwhile: it stays for the next mount.
        }
    }

    /// <summary>After the unmount, how long background uploads may still run before what is left stays journaled.</summary>
    public static readonly TimeSpan UploadDrainDeadline = TimeSpan.FromMinutes(15);

    // One connection stays free for listings and reads while uploads run.
    private static WriteBackOptions WriteBack(MountRequest request, int maxConnections)
    {
        var writeBack = new WriteBackOptions
        {
            Enabled = request.Options.WriteBack,
            Parallelism = Math.Max(1, maxConnections - 1),
        };
        return request.Options.WriteBackDelay is { } delay ? writeBack with { Delay = delay } : writeBack;
    }

    /// <summary>The listing cache's settings for <paramref name="request"/>: the core's, and what bounds the kernel's cache.</summary>
    public static DirectoryCacheOptions CacheOptions(MountRequest request)
    {
        var cache = new DirectoryCacheOptions();
        if (request.Options.DirectoryCacheTtl is { } ttl)
        {
            cache = cache with { DirectoryTtl = ttl };
        }

        if (request.Options.NegativeTtl is { } negative)
        {
            cache = cache with { NegativeTtl = negative };
        }

        return cache;
    }

    public static async Task<RemoteFileSystem> OpenAsync(
        MountRequest request, FtpClient client, ILoggerFactory loggers, CancellationToken stop)
    {
        var options = new RemoteFileSystemOptions
        {
            Cache = CacheOptions(request),
            ReadOnly = request.Options.ReadOnly,
            WriteBack = WriteBack(request, client.Pool.Options.MaxConnections),
            PrefetchSiblings = request.Options.PrefetchSiblings,
            OutsideLinks = request.Options.OutsideLinks,
            // Under a download limit every stream measures slow, and more connections only share the same rate.
            ParallelSegments = request.Options.ParallelSegments && request.Options.Bandwidth?.DownloadBytesPerSecond is null,
            PollInterval = request.Options.PollInterval ?? new RemoteFileSystemOptions().PollInterval,
            SpoolDirectory = request.Options.SpoolDirectory ?? DefaultSpoolDirectory(request),
            ReadCache = request.Options.ReadCache.Enabled && request.Options.ReadCache.Directory is null
                ? request.Options.ReadCache with { Directory = DefaultCacheDirectory() }
                : request.Options.ReadCache,
        };

        // The URL path is relative to the login directory (RFC 1738 §3.2.2), so "ftp://host/" mounts the home.
        string? root = null;
        if (request.RemotePath.Trim('/').Length > 0)
        {
            var home = await client.GetWorkingDirectoryAsync(stop).ConfigureAwait(false);
            root = FtpPaths.Combine(home, request.RemotePath.Trim('/'));
        }

        var core = await RemoteFileSystem.OpenAsync(client, root, options, loggers.CreateLogger("FtpMount.Core"), stop).ConfigureAwait(false);
        if (root is not null)
        {
            // Fail now, with a clear sentence, rather than serve a mount whose root does not exist.
            await core.ListAsync(Core.Paths.RemotePath.Root, stop).ConfigureAwait(false);
        }

        return core;
    }

    /// <summary>
    /// Where <c>cache=full</c> keeps its files unless <c>cache_dir=</c> says: /var/cache/ftpmount for root (a system
    /// mount's cache outlives any one user's home), else the user's cache directory. Each source gets its own
    /// private subfolder below it (ReadCacheStore), so one folder serves every mount.
    /// </summary>
    private static string DefaultCacheDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "FtpMount", "cache");
        }

        if (Native.LibC.geteuid() == 0)
        {
            return "/var/cache/ftpmount";
        }

        return Path.Combine(UserCacheDirectory(), "ftpmount", "cache");
    }

    private static string UserCacheDirectory() =>
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");

    /// <summary>A private folder per mount (source and mount point), under the user's cache directory.</summary>
    private static string DefaultSpoolDirectory(MountRequest request)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.FileSystemName}\n{request.MountPoint}")))[..16];
        if (OperatingSystem.IsWindows())
        {
            // %LOCALAPPDATA% is private to the user (and to the service account) by its ACL already.
            var windows = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "FtpMount", "spool", id);
            Directory.CreateDirectory(windows);
            return windows;
        }

        var directory = Path.Combine(UserCacheDirectory(), "ftpmount", "spool", id);
        try
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A service account's HOME is often missing or read-only: say what to do instead of a stack trace.
            throw new Core.Spool.SpoolFolderException(
                $"The default spool folder {directory} cannot be created ({e.Message}); choose one with -o spool_dir=PATH.", e);
        }

        return directory;
    }
}
