using FtpMount.Core.Entries;

namespace FtpMount.Core.ReadCache;

/// <summary>
/// Which version of a server file cached bytes belong to: its server path, and the size and modification time the
/// listing gave. Cached bytes are served only while the current listing entry has the same identity; anything else
/// (another client stored new content, or the listing's time moved) drops them.
/// </summary>
internal sealed record CacheIdentity(string ServerPath, long Size, long ModifiedTicks)
{
    /// <summary>The identity of <paramref name="entry"/>; null when the server gave no size (such a file is never cached).</summary>
    public static CacheIdentity? Of(string serverPath, RemoteEntry entry) =>
        entry.Size is { } size ? new CacheIdentity(serverPath, size, entry.Modified.UtcTicks) : null;
}
