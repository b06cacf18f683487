using FtpMount.Cli.Daemon;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Options;
using FtpMount.Ftp;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Mounting;

/// <summary>Answers on systems without a mount adapter in this build (Windows comes with the Dokan adapter).</summary>
internal sealed class UnsupportedPlatformMountRunner : IMountRunner
{
    public const string Sentence = "Mounting is not available on this operating system in this build of ftpmount.";

    public Task<int> RunAsync(
        MountRequest request, FtpCredentials credentials, IMountReadiness readiness, ILoggerFactory loggers, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        readiness.ReportFailure(Sentence);
        return Task.FromResult(ExitCodes.Failure);
    }
}
