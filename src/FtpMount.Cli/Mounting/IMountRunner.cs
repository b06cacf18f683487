using FtpMount.Cli.Daemon;
using FtpMount.Cli.Options;
using FtpMount.Ftp;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Mounting;

/// <summary>Mounts and serves one filesystem. The command line host has already parsed, checked and resolved everything.</summary>
internal interface IMountRunner
{
    /// <summary>
    /// Mounts <paramref name="request"/>, calls <see cref="IMountReadiness.ReportReady"/> once the mount point shows
    /// the remote files, serves until <paramref name="stop"/> fires (SIGINT/SIGTERM) or the filesystem is unmounted
    /// from outside, then unmounts and returns the exit code. An exception thrown before ReportReady becomes the
    /// user's one-sentence error (see FailureClassifier); the runner may also call ReportFailure itself.
    /// </summary>
    Task<int> RunAsync(
        MountRequest request,
        FtpCredentials credentials,
        IMountReadiness readiness,
        ILoggerFactory loggers,
        CancellationToken stop);
}
