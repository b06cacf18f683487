using FtpMount.Cli.Daemon;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Options;
using FtpMount.Ftp;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Mounting;

/// <summary>Stands in for the real runner until the core and FUSE layers are wired in: it always fails.</summary>
/// <param name="holdBeforeFailing">
/// How long to wait before failing, so tests can inspect the running background process; zero outside tests.
/// </param>
internal sealed class NotYetWiredMountRunner(TimeSpan holdBeforeFailing) : IMountRunner
{
    public const string Sentence = "Mounting is not wired yet in this build of ftpmount.";

    /// <summary>Test-only: milliseconds to hold before failing.</summary>
    public const string HoldVariable = "FTPMOUNT_TEST_PLACEHOLDER_HOLD_MS";

    public async Task<int> RunAsync(
        MountRequest request,
        FtpCredentials credentials,
        IMountReadiness readiness,
        ILoggerFactory loggers,
        CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        if (holdBeforeFailing > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(holdBeforeFailing, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping early is fine: the answer is the same.
            }
        }

        readiness.ReportFailure(Sentence);
        return ExitCodes.Failure;
    }
}
