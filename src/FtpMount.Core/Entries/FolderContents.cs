using FtpMount.Core.Cache;

namespace FtpMount.Core.Entries;

/// <summary>
/// A folder's entries as programs see them, and the cached listing they were built from. An OS adapter that lets its
/// kernel cache the names compares <see cref="Source"/> by reference with what the cache holds later: listings are
/// immutable, and every change (ours, or a new listing) is a new object.
/// </summary>
public sealed record FolderContents(IReadOnlyList<RemoteEntry> Entries, DirectoryListing Source);
