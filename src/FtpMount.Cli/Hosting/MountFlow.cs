using FtpMount.Cli.Credentials;
using FtpMount.Cli.Daemon;
using FtpMount.Cli.Mounting;
using FtpMount.Cli.Options;
using FtpMount.Ftp;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Hosting;

/// <summary>
/// One mount from start to end. Everything that can fail on the user's side (mount point, password) is checked in
/// the process the user started, before any background process exists, so the error appears where they look.
/// </summary>
internal sealed class MountFlow(IMountRunner runner, TextWriter error)
{
    public async Task<int> RunAsync(MountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A background process takes over stdout for the readiness line before anything (the logger) touches it.
        var backgroundReadiness = DaemonChild.IsCurrentProcess ? DaemonChild.Detach() : null;
        ILoggerFactory created;
        try
        {
            created = LoggingSetup.Create(
                request.Options.LogLevel, LoggingSetup.IsUnderSystemd(Environment.GetEnvironmentVariable), request.Options.LogFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var sentence = $"Option log_file={request.Options.LogFile} cannot be used: {e.Message}";
            backgroundReadiness?.ReportFailure(sentence);
            await error.WriteLineAsync("ftpmount: " + sentence).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var loggers = created;
        var logger = loggers.CreateLogger("ftpmount");
        if (backgroundReadiness is not null)
        {
            return await RunInBackgroundAsync(request, backgroundReadiness, loggers, logger).ConfigureAwait(false);
        }

        FtpCredentials credentials;
        try
        {
            if (request.Source.HasPasswordInUrl)
            {
                CliLog.PasswordInUrl(logger);
            }

            CheckMountPoint(request);
            CheckSpoolDirectory(request);
            var resolved = new CredentialResolver(CredentialContext.FromProcess()).Resolve(request);
            CliLog.CredentialsFrom(logger, resolved.Credentials.UserName, resolved.Source);
            credentials = resolved.Credentials;
        }
        catch (Exception e) when (e is MountpointException or CredentialException or CommandLineException or IOException or UnauthorizedAccessException)
        {
            var failure = FailureClassifier.Classify(e, request);
            await error.WriteLineAsync("ftpmount: " + failure.Sentence).ConfigureAwait(false);
            return failure.ExitCode;
        }

        // Windows has no setsid/fork-style detaching: mounts stay in the foreground, or run under the service.
        if (!request.Options.Foreground && !OperatingSystem.IsWindows())
        {
            using var signals = new StopSignals();
            return await new BackgroundLauncher(error, logger).LaunchAsync(request, credentials, signals.Token).ConfigureAwait(false);
        }

        var readiness = new ForegroundReadiness(SystemdNotifier.FromEnvironment(), error);
        return await ServeAsync(request, credentials, readiness, loggers, logger).ConfigureAwait(false);
    }

    private async Task<int> RunInBackgroundAsync(
        MountRequest request, IMountReadiness readiness, ILoggerFactory loggers, ILogger logger)
    {
        FtpCredentials credentials;
        try
        {
            credentials = DaemonChild.ReadCredentials();
            // Again: time has passed since the starter checked, and someone may have mounted there meanwhile.
            CheckMountPoint(request);
        }
        catch (Exception e) when (e is MountpointException or CommandLineException or InvalidDataException or IOException)
        {
            var failure = FailureClassifier.Classify(e, request);
            readiness.ReportFailure(failure.Sentence);
            return failure.ExitCode;
        }

        return await ServeAsync(request, credentials, readiness, loggers, logger).ConfigureAwait(false);
    }

    /// <summary>Runs the runner; a failure before ready becomes the reported sentence, after ready a log line.</summary>
    private async Task<int> ServeAsync(
        MountRequest request, FtpCredentials credentials, IMountReadiness readiness, ILoggerFactory loggers, ILogger logger)
    {
        using var signals = new StopSignals(signal => CliLog.Stopping(logger, signal));
        CliLog.Mounting(logger, request.Source.ToString(), request.MountPoint);
        try
        {
            var code = await runner.RunAsync(request, credentials, readiness, loggers, signals.Token).ConfigureAwait(false);
            if (!readiness.HasReported)
            {
                readiness.ReportFailure(signals.Token.IsCancellationRequested
                    ? "Stopped before the mount was ready."
                    : "The mount ended before it was ready.");
            }

            return code;
        }
        catch (Exception e)
        {
            // Whatever the runner throws reaches the user as one sentence, not as a crash dump.
            var failure = FailureClassifier.Classify(e, request);
            if (readiness.HasReported)
            {
                CliLog.FailedAfterReady(logger, failure.Sentence, e);
            }
            else
            {
                CliLog.MountFailed(logger, failure.Sentence, e);
                readiness.ReportFailure(failure.Sentence);
            }

            return failure.ExitCode;
        }
    }

    /// <summary>
    /// spool_dir= (and cache_dir= with cache=full) is created (0700) and checked here, before anything is mounted: a
    /// file, a folder that cannot be created or written, or one others may write would otherwise only fail the first
    /// save (or leave the cache off with a warning).
    /// </summary>
    private static void CheckSpoolDirectory(MountRequest request)
    {
        Check("spool_dir", request.Options.SpoolDirectory);
        Check("cache_dir", request.Options.ReadCache.Enabled ? request.Options.ReadCache.Directory : null);

        static void Check(string option, string? directory)
        {
            if (directory is null)
            {
                return;
            }

            try
            {
                Core.Spool.SpoolFolder.CheckUsable(directory);
            }
            catch (Core.Spool.SpoolFolderException e)
            {
                throw new CommandLineException($"Option {option}={directory} cannot be used: {e.Message}");
            }
        }
    }

    private static void CheckMountPoint(MountRequest request)
    {
        if (OperatingSystem.IsWindows())
        {
            WindowsMountpointChecker.ForThisMachine().Check(request.MountPoint, request.Options.NetworkDrive);
            return;
        }


        // A /dev/fd/N mount point is a /dev/fuse descriptor mount.fuse3 already mounted; there is no directory to check.
        if (request.FuseFileDescriptor is null)
        {
            new MountpointChecker().Check(request.MountPoint);
        }

        UserMountCheck.ForThisProcess().Check(request);
    }
}
