using FtpMount.Cli.Hosting;
using FtpMount.Cli.Mounting;
using FtpMount.Ftp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Service;

/// <summary>
/// Keeps one configured mount up for the life of the service: runs it, and whenever it ends or fails (server down,
/// password changed, drive letter taken) tries again after a growing delay, until the service stops.
/// </summary>
internal sealed class MountSupervisor(
    ConfiguredMount mount,
    IMountRunner runner,
    Func<ConfiguredMount, FtpCredentials> resolveCredentials,
    ILoggerFactory loggers,
    RestartBackoff backoff,
    TimeProvider time) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger("ftpmount.service");

    /// <summary>How many times the mount was started; for tests and the log.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    private int _attempts;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _attempts);
            var readiness = new ServiceReadiness(_logger, mount.Name);
            int exitCode;
            Exception? crash = null;
            try
            {
                // Resolved again on every attempt: a password fixed in the Credential Manager is picked up without a restart.
                var credentials = resolveCredentials(mount);
                exitCode = await runner.RunAsync(mount.Request, credentials, readiness, loggers, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                crash = e;
                exitCode = FailureClassifier.Classify(e, mount.Request).ExitCode;
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            failures = readiness.HasReported && crash is null && exitCode == ExitCodes.Success ? 1 : failures + 1;
            if (!readiness.HasReported)
            {
                readiness.ReportFailure(crash is null ? "The mount ended before it was ready." : FailureClassifier.Classify(crash, mount.Request).Sentence);
            }

            var delay = backoff.DelayAfter(failures);
            if (crash is null)
            {
                ServiceLog.Restarting(_logger, mount.Name, exitCode, delay);
            }
            else
            {
                ServiceLog.Crashed(_logger, mount.Name, delay, crash);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
