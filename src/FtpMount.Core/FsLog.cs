using Microsoft.Extensions.Logging;

namespace FtpMount.Core;

internal static partial class FsLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Streaming upload of {Path} fell back to the spool: {Reason}")]
    public static partial void StreamingFallback(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Metadata of {Path} not applied: {Reason}")]
    public static partial void MetadataNotApplied(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Listing of {Path}: refused {Count} entries from the server, first: {Reason} ({Excerpt})")]
    public static partial void RejectedEntries(ILogger logger, string path, int count, string reason, string excerpt);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Upload of {Path} failed; its content is kept in {Spool}: {Reason}")]
    public static partial void UploadFailedKept(ILogger logger, string path, string spool, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Unreadable pending-upload entry {Entry}; left in place")]
    public static partial void JournalEntryUnreadable(ILogger logger, string entry);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Uploaded {Path}, saved before the mount stopped but not yet on the server")]
    public static partial void PendingUploaded(ILogger logger, string path);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "{Path} is still waiting for upload (kept in {Spool}): {Reason}")]
    public static partial void PendingStillWaiting(ILogger logger, string path, string spool, string reason);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Background upload of {Path} failed, will retry; its content is kept locally: {Reason}")]
    public static partial void WriteBackFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 108, Level = LogLevel.Debug, Message = "Prefetching the listing of {Path} failed: {Reason}")]
    public static partial void PrefetchFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 130, Level = LogLevel.Debug, Message = "The server gives no size for {Path} (no size fact, no SIZE, no MLST size): reading it to the end of the transfer")]
    public static partial void SizeUnknown(ILogger logger, string path);
}
