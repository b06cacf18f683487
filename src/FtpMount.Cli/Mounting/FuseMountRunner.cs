using FtpMount.Cli.Daemon;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Options;
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
    /// <summary>
    /// How long the kernel keeps names and attributes unless attr_timeout= says otherwise. With 1 s, a second pass
    /// over a tree (ls -lR, find, make) more than a second after the first asked us again for every entry, though
    /// our listing cache answers for dir_cache_ttl anyway; 5 s saves those round trips and lets changes by other
    /// clients show at most 5 s later than the listing cache alone would.
    /// </summary>
    internal static readonly TimeSpan DefaultKernelCacheTimeout = TimeSpan.FromSeconds(5);

    public async Task<int> RunAsync(
        MountRequest request, FtpCredentials credentials, IMountReadiness readiness, ILoggerFactory loggers, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(loggers);

        // A missing libfuse is reported before the server is contacted, naming the package to install.
        FuseHost.LoadLibrary();
        var client = new FtpClient(request.ToFtpClientOptions(credentials), loggers.CreateLogger("FtpMount.Ftp"));
        await using (client.ConfigureAwait(false))
        {
            var core = await RemoteCoreOpener.OpenAsync(request, client, loggers, stop).ConfigureAwait(false);

            // Also when mounting fails: the spool folder's lock goes with the core (the service retries in-process).
            await using var coreScope = core.ConfigureAwait(false);
            var adapter = new RemoteFuseFileSystem(core, AdapterOptions(request, client.Pool.Options), loggers.CreateLogger("FtpMount.Fuse"));
            var host = new FuseHost(adapter, FuseOptions(request, RemoteCoreOpener.CacheOptions(request)), loggers.CreateLogger<FuseHost>());

            // Off the callback thread: dropping the pages waits for reads of them, which may be the caller's own.
            core.ChangedOnServer += path => ThreadPool.QueueUserWorkItem(static state => state.host.InvalidatePath(state.path), (host, path), false);
            await using (host.ConfigureAwait(false))
            {
                var running = host.RunAsync(stop);
                if (running.IsFaulted || running.IsCanceled)
                {
                    await running.ConfigureAwait(false);
                }

                var status = StartStatus(request, core, adapter, loggers.CreateLogger("ftpmount"));
                readiness.ReportReady();
                try
                {
                    await running.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // SIGINT/SIGTERM: the host has unmounted.
                }
                finally
                {
                    if (status is not null)
                    {
                        await status.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }

            // Unmounted: files closed with write-back still go to the server before the process ends.
            await core.FinishUploadsAsync(RemoteCoreOpener.UploadDrainDeadline).ConfigureAwait(false);
            RemoteCoreOpener.RemoveSpoolIfEmpty(core.SpoolDirectory, request.Options.SpoolDirectory is null);
            return ExitCodes.Success;
        }
    }

    /// <summary>The status socket; a mount without one still serves files, so a folder problem is only logged.</summary>
    private static Status.StatusEndpoint? StartStatus(MountRequest request, Core.RemoteFileSystem core, RemoteFuseFileSystem adapter, ILogger logger)
    {
        var reporter = new Status.StatusReporter(
            request.MountPoint,
            request.FileSystemName,
            core.GetStatus,
            reads: () => new Status.StatusReads(adapter.ReadRequests, adapter.PassthroughOpens, adapter.PassthroughAvailable));
        try
        {
            return Status.StatusEndpoint.Start(
                Status.StatusSocket.PathFor(request.MountPoint, Environment.GetEnvironmentVariable), reporter.ReportJson);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            CliLog.NoStatusSocket(logger, e.Message);
            return null;
        }
    }

    /// <summary>
    /// The request guard sits above every bound of the FTP layer (a listing, plus connecting, plus one more
    /// operation), so it only ever ends a request that hangs for another reason.
    /// </summary>
    private static RemoteFuseOptions AdapterOptions(MountRequest request, FtpClientOptions ftp)
    {
        var options = new RemoteFuseOptions { RequestTimeout = ftp.ListingTimeout + ftp.ConnectTimeout + ftp.OperationTimeout };
        return request.Options.Umask is { } umask ? options with { Umask = (UnixFileMode)umask } : options;
    }

    internal static FuseMountOptions FuseOptions(MountRequest request, DirectoryCacheOptions cache)
    {
        // The kernel may cache what our listing cache would answer anyway, but never longer than the listing is trusted.
        var attributes = request.Options.AttributeTimeout ?? DefaultKernelCacheTimeout;
        if (attributes > cache.DirectoryTtl)
        {
            attributes = cache.DirectoryTtl;
        }

        var extra = new List<string>(request.KernelMountOptions);
        if (request.Options.DefaultPermissions)
        {
            extra.Add("default_permissions");
        }

        if (request.Options.AllowRoot)
        {
            extra.Add("allow_root");
        }

        return new FuseMountOptions
        {
            MountPoint = request.MountPoint,
            FileSystemName = request.FileSystemName,
            EntryTimeout = attributes,
            AttributeTimeout = attributes,
            NegativeTimeout = request.Options.NegativeTtl ?? TimeSpan.Zero,
            AllowOther = request.Options.AllowOther,
            ReadOnly = request.Options.ReadOnly,
            OwnerUid = request.Options.Uid,
            OwnerGid = request.Options.Gid,
            ExtraOptions = extra,

            // With the read cache on, a file it holds whole may be read by the kernel straight from the cache file.
            Passthrough = request.Options.ReadCache.Enabled,

            // libfuse's trace of every request (-d) only when the user asked for everything, as for Dokan.
            Debug = request.Options.LogLevel == LogLevel.Trace,
        };
    }
}
