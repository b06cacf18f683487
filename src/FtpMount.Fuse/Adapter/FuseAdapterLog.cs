using Microsoft.Extensions.Logging;

namespace FtpMount.Fuse.Adapter;

internal static partial class FuseAdapterLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "{Operation} {Path} failed with errno {Errno}: {Reason}")]
    public static partial void OperationFailed(ILogger logger, string operation, string path, int errno, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Reads of {Path} are not served by FUSE passthrough (logged once for this reason): {Reason}")]
    public static partial void PassthroughNotUsed(ILogger logger, string path, string reason);
}
