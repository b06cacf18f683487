using FtpMount.Core.Cache;

namespace FtpMount.Core.Entries;

/// <summary>
/// A folder's entries as programs see them, and the cached listing they were built from. An OS adapter that lets its
/// kernel cache the names compares <see cref="Source"/> by reference with what the cache holds later: listings are
/// immutable, and every change (ours, or a new listing) is a new object.
/// </summary>
public sealed record FolderContents(IReadOnlyList<RemoteEntry> Entries, DirectoryListing Source)
{
    /// <summary>
    /// Some entries are files open here, shown as they are locally rather than as <see cref="Source"/> lists them:
    /// these change without a new listing (an upload ends, a save is refused for good), so an OS must not keep them.
    /// </summary>
    public bool ShowsLocalFiles { get; init; }
}
