using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Hosting;

/// <summary>Source-generated log messages of the command. None may carry a password.</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "The URL contains a password, which every user can read in the process list; use password_file=, FTPMOUNT_PASSWORD or ~/.netrc instead")]
    public static partial void PasswordInUrl(ILogger logger);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Logging in as {User} with the password from {Source}")]
    public static partial void CredentialsFrom(ILogger logger, string user, string source);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Started background process {Pid}; waiting up to {Seconds} s for the mount")]
    public static partial void StartedBackgroundProcess(ILogger logger, int pid, double seconds);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Stopping: {Signal}")]
    public static partial void Stopping(ILogger logger, string signal);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Mount failed: {Sentence}")]
    public static partial void MountFailed(ILogger logger, string sentence, Exception exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "The mount stopped with an error: {Sentence}")]
    public static partial void FailedAfterReady(ILogger logger, string sentence, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Mounting {Source} on {MountPoint}")]
    public static partial void Mounting(ILogger logger, string source, string mountPoint);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "No status socket for this mount (ftpmount status will not reach it): {Reason}")]
    public static partial void NoStatusSocket(ILogger logger, string reason);
}
