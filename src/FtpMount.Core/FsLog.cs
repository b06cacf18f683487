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

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Pending-upload entry {Entry} not replayed: {Reason}")]
    public static partial void JournalEntryUnreadable(ILogger logger, string entry, string reason);

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

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "{Path} changed on the server since it was saved here; the local version was kept as {Conflict} instead of overwriting it")]
    public static partial void ConflictKept(ILogger logger, string path, string conflict);

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "The server refused {Path} for good ({Reason}); it is not sent again, by this mount or a later one, and its content stays in the spool folder")]
    public static partial void UploadRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 115, Level = LogLevel.Warning, Message = "{Path} was refused by the server for good ({Reason}) before this mount started; not sent again, its content is kept in {Spool}")]
    public static partial void RefusedEarlier(ILogger logger, string path, string reason, string spool);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Removed {Path}, a temporary upload file left by an earlier run of this mount")]
    public static partial void LeftoverRemoved(ILogger logger, string path);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "{Path} could not be journaled ({Reason}); it is uploaded in the background, but a crash before that would lose it")]
    public static partial void NotJournaled(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Server folder {Root}: a backslash in a name is an ordinary character there: {Ordinary} (names with one are refused and hidden otherwise)")]
    public static partial void NameRules(ILogger logger, string root, bool ordinary);

    [LoggerMessage(EventId = 114, Level = LogLevel.Debug, Message = "The server keeps no time for the folder {Path} ({Reason}); the mount shows the time set while it runs")]
    public static partial void FolderTimeKeptLocally(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Renaming {From} over {To} failed after the old {To} was moved aside; it is back in place: {Reason}")]
    public static partial void RenameOverUndone(ILogger logger, string from, string to, string reason);

    [LoggerMessage(EventId = 121, Level = LogLevel.Error, Message = "The previous {To} could not be put back; it is kept on the server as {Aside}: {Reason}")]
    public static partial void AsideNotRestored(ILogger logger, string to, string aside, string reason);

    [LoggerMessage(EventId = 124, Level = LogLevel.Error, Message = "The previous {To} could not go back under its name; it is kept as {Kept}: {Reason}")]
    public static partial void AsideKeptVisible(ILogger logger, string to, string kept, string reason);

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "{To} was replaced, but its previous version could not be removed and stays on the server as {Aside}: {Reason}")]
    public static partial void AsideNotRemoved(ILogger logger, string to, string aside, string reason);

    [LoggerMessage(EventId = 123, Level = LogLevel.Debug, Message = "Listing of {Path}: the link {Name} leads outside the mount or has no listed target ({Policy})")]
    public static partial void LinkOutsideMount(ILogger logger, string path, string name, string policy);

    [LoggerMessage(EventId = 131, Level = LogLevel.Information, Message = "{Path} was changed on the server by another client ({Listed} bytes listed, {Now} now); reading the new content")]
    public static partial void ChangedOnServer(ILogger logger, string path, long? listed, long? now);

    [LoggerMessage(EventId = 132, Level = LogLevel.Debug, Message = "MDTM of {Path} says {Exact}, outside the listed time {Listed}; the listed time is kept")]
    public static partial void MdtmDisagrees(ILogger logger, string path, DateTimeOffset exact, DateTimeOffset? listed);

    [LoggerMessage(EventId = 140, Level = LogLevel.Error, Message = "Listing of {Path} refused, the folder shows as an I/O error: {Reason}")]
    public static partial void ListingRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 150, Level = LogLevel.Debug, Message = "Polling {Path} failed: {Reason}")]
    public static partial void PollFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 151, Level = LogLevel.Information, Message = "{Path} changed on the server: names appeared or vanished")]
    public static partial void FolderChangedOnServer(ILogger logger, string path);

    [LoggerMessage(EventId = 152, Level = LogLevel.Debug, Message = "Saving {Path} goes on from its cut streaming upload, which was handed {Bytes} bytes")]
    public static partial void GoingOnFromCutStreaming(ILogger logger, string path, long bytes);

    [LoggerMessage(EventId = 160, Level = LogLevel.Warning, Message = "The read cache in {Directory} cannot be used, reading without it: {Reason}")]
    public static partial void ReadCacheUnavailable(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 161, Level = LogLevel.Information, Message = "Read cache: {Directory}, {Files} files, {Bytes} bytes kept from earlier mounts")]
    public static partial void ReadCacheOpened(ILogger logger, string directory, int files, long bytes);
}
