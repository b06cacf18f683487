using Microsoft.Extensions.Logging;

namespace FtpMount.Fuse.Adapter;

internal static partial class FuseAdapterLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "{Operation} {Path} failed with errno {Errno}: {Reason}")]
    public static partial void OperationFailed(ILogger logger, string operation, string path, int errno, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Reads of {Path} are not served by FUSE passthrough (logged once for this reason): {Reason}")]
    public static partial void PassthroughNotUsed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Trace, Message = "opendir {Path}: the kernel may list it from its own copy: {KeepCache}")]
    public static partial void DirectoryOpened(ILogger logger, string path, bool keepCache);

    [LoggerMessage(EventId = 203, Level = LogLevel.Trace, Message = "readdir {Path}: {Count} entries ({ListingCount} from the listing of {ListedAt:HH:mm:ss.fff}): {Names}")]
    public static partial void DirectoryRead(ILogger logger, string path, int count, int listingCount, DateTimeOffset listedAt, string names);
}
