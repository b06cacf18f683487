using System.Runtime.Versioning;
using FtpMount.Cli.Daemon;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Options;
using FtpMount.Dokan;
using FtpMount.Dokan.Adapter;
using FtpMount.Ftp;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Mounting;

/// <summary>
/// Mounts for real on Windows: FTP client and pool, the remote filesystem core over it, and the Dokan adapter serving
/// it as a drive letter or folder (or a network drive, <c>\\ftpmount\HOST</c>, with <c>-o network</c>). Ready is
/// reported only once the server accepted our login and dokan2.dll accepted the mount.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class DokanMountRunner : IMountRunner
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
            var mountOptions = DokanRequestOptions.For(request);
            var core = await RemoteCoreOpener.OpenAsync(request, client, loggers, stop).ConfigureAwait(false);

            // Also when mounting fails: the spool folder's lock goes with the core (the service retries in-process).
            await using var coreScope = core.ConfigureAwait(false);
            var adapter = new RemoteDokanFileSystem(
                core, DokanRequestOptions.AdapterFor(request, mountOptions), loggers.CreateLogger("FtpMount.Dokan"));
            var host = new DokanHost(adapter, mountOptions, loggers.CreateLogger<DokanHost>());
            await using (host.ConfigureAwait(false))
            {
                var running = host.RunAsync(stop);
                if (running.IsFaulted || running.IsCanceled)
                {
                    await running.ConfigureAwait(false);
                }

                readiness.ReportReady();
                try
                {
                    await running.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Ctrl+C or the service stopping: the host has unmounted.
                }
            }

            // Unmounted: files closed with write-back still go to the server before the process ends.
            await core.FinishUploadsAsync(RemoteCoreOpener.UploadDrainDeadline).ConfigureAwait(false);
            RemoteCoreOpener.RemoveSpoolIfEmpty(core.SpoolDirectory, request.Options.SpoolDirectory is null);
            return ExitCodes.Success;
        }
    }
}
