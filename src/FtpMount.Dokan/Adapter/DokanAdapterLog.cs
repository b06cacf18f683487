using Microsoft.Extensions.Logging;

namespace FtpMount.Dokan.Adapter;

internal static partial class DokanAdapterLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "{Operation} {Path} failed with {Status}: {Reason}")]
    public static partial void OperationFailed(ILogger logger, string operation, string path, NtStatus status, string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "{Operation} {Path} failed and cannot be reported to the application: {Reason}")]
    public static partial void UnreportableFailure(ILogger logger, string operation, string path, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Volume mounted at {MountPoint}")]
    public static partial void Mounted(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Volume unmounted")]
    public static partial void Unmounted(ILogger logger);
}
