using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Service;

internal static partial class ServiceLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Mount {Name} is ready")]
    public static partial void MountReady(ILogger logger, string name);

    [LoggerMessage(EventId = 701, Level = LogLevel.Error, Message = "Mount {Name} failed: {Sentence}")]
    public static partial void MountNotReady(ILogger logger, string name, string sentence);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Mount {Name} ended (exit code {ExitCode}); trying again in {Delay}")]
    public static partial void Restarting(ILogger logger, string name, int exitCode, TimeSpan delay);

    [LoggerMessage(EventId = 703, Level = LogLevel.Error, Message = "Mount {Name} failed; trying again in {Delay}")]
    public static partial void Crashed(ILogger logger, string name, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 704, Level = LogLevel.Error, Message = "Mount configuration skipped: {Problem}")]
    public static partial void ConfigSkipped(ILogger logger, string problem);

    [LoggerMessage(EventId = 705, Level = LogLevel.Warning, Message = "No mounts configured in {Directory}")]
    public static partial void NoMounts(ILogger logger, string directory);
}
