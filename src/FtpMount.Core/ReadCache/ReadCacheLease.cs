using FtpMount.Core.Handles;

namespace FtpMount.Core.ReadCache;

/// <summary>
/// One open handle's use of a <see cref="CachedFile"/>, for the version the handle reads: serves reads that are
/// wholly cached and stores what the handle's reader downloads. Disposing it gives the file back to the store.
/// </summary>
internal sealed class ReadCacheLease(ReadCacheStore store, CachedFile file, CacheIdentity identity) : IDownloadSink, IDisposable
{
    private int _disposed;

    public CacheIdentity Identity => identity;

    /// <summary>Fills <paramref name="destination"/> from the cache if all of it is there for this version.</summary>
    public bool TryRead(long offset, Span<byte> destination) => file.TryRead(identity, offset, destination);

    public void Downloaded(long offset, ReadOnlySpan<byte> bytes) => store.Store(file, identity, offset, bytes);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            store.Release(file);
        }
    }
}
