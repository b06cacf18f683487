using System.Security.Cryptography;
using System.Text;
using FtpMount.Cli.Daemon;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Options;
using FtpMount.Core;
using FtpMount.Core.Cache;
using FtpMount.Ftp;
using FtpMount.Fuse;
using FtpMount.Fuse.Adapter;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Mounting;

/// <summary>
/// Mounts for real: FTP client and pool, the remote filesystem core over it, and the FUSE adapter serving it.
/// Ready is reported only once the server accepted our login and the kernel accepted the mount.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class FuseMountRunner : IMountRunner
{
    public async Task<int> RunAsync(
        MountRequest request, FtpCredentials credentials, IMountReadiness readiness, ILoggerFactory loggers, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(loggers);
        var client = new FtpClient(request.ToFtpClientOptions(credentials), loggers.CreateLogger("FtpMount.Ftp"));
        await using (client.ConfigureAwait(false))
        {
            var core = await OpenCoreAsync(request, client, loggers, stop).ConfigureAwait(false);
            var adapter = new RemoteFuseFileSystem(core, AdapterOptions(request), loggers.CreateLogger("FtpMount.Fuse"));
            var host = new FuseHost(adapter, FuseOptions(request, core.Options.Cache), loggers.CreateLogger<FuseHost>());
            await using (host.ConfigureAwait(false))
            {
                var running = host.RunAsync(stop);
                if (running.IsFaulted || running.IsCanceled)
                {
                    await running.ConfigureAwait(false);
                }

                var status = Status.StatusEndpoint.Start(
                    Status.StatusSocket.PathFor(request.MountPoint, Environment.GetEnvironmentVariable),
                    () => Status.StatusEndpoint.Format(request.MountPoint, request.FileSystemName, core.GetStatus()));
                await using var statusScope = status.ConfigureAwait(false);
                readiness.ReportReady();
                try
                {
                    await running.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // SIGINT/SIGTERM: the host has unmounted.
                }
            }

            RemoveIfEmpty(core.Options.SpoolDirectory, request.SpoolDirectory is null);
            return ExitCodes.Success;
        }
    }

    /// <summary>Our own per-mount spool folder goes when nothing is pending in it; a user-chosen one stays.</summary>
    private static void RemoveIfEmpty(string directory, bool ours)
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

    private static async Task<RemoteFileSystem> OpenCoreAsync(
        MountRequest request, FtpClient client, ILoggerFactory loggers, CancellationToken stop)
    {
        var cache = new DirectoryCacheOptions();
        if (request.DirectoryCacheTtl is { } ttl)
        {
            cache = cache with { DirectoryTtl = ttl };
        }

        if (request.NegativeTtl is { } negative)
        {
            cache = cache with { NegativeTtl = negative };
        }

        var options = new RemoteFileSystemOptions
        {
            Cache = cache,
            ReadOnly = request.ReadOnly,
            SpoolDirectory = request.SpoolDirectory ?? DefaultSpoolDirectory(request),
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

    /// <summary>A private folder per mount (source and mount point), under the user's cache directory.</summary>
    private static string DefaultSpoolDirectory(MountRequest request)
    {
        var baseDirectory = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.FileSystemName}\n{request.MountPoint}")))[..16];
        var directory = Path.Combine(baseDirectory, "ftpmount", "spool", id);
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }

    private static RemoteFuseOptions AdapterOptions(MountRequest request)
    {
        var options = new RemoteFuseOptions();
        return request.Umask is { } umask ? options with { Umask = (UnixFileMode)umask } : options;
    }

    private static FuseMountOptions FuseOptions(MountRequest request, DirectoryCacheOptions cache)
    {
        // The kernel may cache what our listing cache would answer anyway, but never longer than the listing is trusted.
        var attributes = request.AttributeTimeout ?? TimeSpan.FromSeconds(1);
        if (attributes > cache.DirectoryTtl)
        {
            attributes = cache.DirectoryTtl;
        }

        var extra = new List<string>(request.KernelMountOptions);
        if (request.DefaultPermissions)
        {
            extra.Add("default_permissions");
        }

        if (request.AllowRoot)
        {
            extra.Add("allow_root");
        }

        return new FuseMountOptions
        {
            MountPoint = request.MountPoint,
            FileSystemName = request.FileSystemName,
            EntryTimeout = attributes,
            AttributeTimeout = attributes,
            NegativeTimeout = request.NegativeTtl ?? TimeSpan.Zero,
            AllowOther = request.AllowOther,
            ReadOnly = request.ReadOnly,
            OwnerUid = request.Uid,
            OwnerGid = request.Gid,
            ExtraOptions = extra,
        };
    }
}
