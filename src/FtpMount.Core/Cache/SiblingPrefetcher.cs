using System.Runtime.CompilerServices;
using FtpMount.Core.Paths;
using FtpMount.Core.Storage;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Cache;

/// <summary>
/// Lists the sibling subdirectories of a directory being listed, ahead of the caller: a walker (ls -lR, find, du)
/// that enters one subdirectory enters the others next, and over a slow link each listing costs several round
/// trips. Prefetches go through <see cref="DirectoryCache"/>'s single flight, so a real request joins one in
/// flight. They only start while the pool has a free connection, and at most one fewer than the pool's limit run
/// at once, so a foreground request always has a connection to come.
/// </summary>
internal sealed class SiblingPrefetcher : IDisposable
{
    /// <summary>Bound on directories waiting: a huge parent must not queue unbounded work.</summary>
    internal const int MaxQueued = 4096;

    private readonly DirectoryCache _cache;
    private readonly IRemoteConnections _pool;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Queue<RemotePath> _queue = new();
    private readonly HashSet<RemotePath> _queued = [];

    // Each parent listing is scanned once, not once per child listed (a 1000-folder parent would cost 10^6 checks).
    private readonly ConditionalWeakTable<DirectoryListing, object> _scanned = [];
    private int _running;
    private long _started;
    private bool _disposed;

    public SiblingPrefetcher(DirectoryCache cache, IRemoteConnections pool, ILogger logger)
    {
        _cache = cache;
        _pool = pool;
        _logger = logger;
    }

    /// <summary>Prefetches started so far (for tests and status).</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Called as <paramref name="directory"/> is listed for a caller: queues its siblings not yet cached.</summary>
    public void OnListing(RemotePath directory)
    {
        if (directory.IsRoot || !_cache.TryGetListing(directory.Parent, out var parent))
        {
            return;
        }

        lock (_lock)
        {
            if (!_disposed && _scanned.TryAdd(parent, directory))
            {
                QueueSiblings(directory, parent);
            }
        }

        // Also when nothing was queued now: what waited for a free connection may start.
        Pump();
    }

    /// <summary>Caller holds the lock.</summary>
    private void QueueSiblings(RemotePath directory, DirectoryListing parent)
    {
        // Listing order is the order readdir gave the walker, so the walker's next folders come first.
        var after = new List<RemotePath>();
        var before = new List<RemotePath>();
        var seen = false;
        foreach (var entry in parent.Entries)
        {
            if (entry.Name == directory.Name)
            {
                seen = true;
                continue;
            }

            if (entry.IsDirectory)
            {
                (seen ? after : before).Add(directory.Parent.Combine(entry.Name));
            }
        }

        foreach (var sibling in after.Concat(before))
        {
            if (_queue.Count >= MaxQueued)
            {
                break;
            }

            if (!_cache.HasOrIsFetching(sibling) && _queued.Add(sibling))
            {
                _queue.Enqueue(sibling);
            }
        }
    }

    private void Pump()
    {
        while (true)
        {
            RemotePath next;
            lock (_lock)
            {
                if (_disposed || _queue.Count == 0 || _running >= _pool.Limit - 1 || !HasFreeConnection())
                {
                    return;
                }

                next = _queue.Dequeue();
                _queued.Remove(next);
                if (_cache.HasOrIsFetching(next))
                {
                    continue;
                }

                _running++;
            }

            Interlocked.Increment(ref _started);
            _ = PrefetchAsync(next);
        }
    }

    private bool HasFreeConnection() => _pool.IdleCount > 0 || _pool.OpenCount < _pool.Limit;

    private async Task PrefetchAsync(RemotePath directory)
    {
        try
        {
            await _cache.GetListingAsync(directory, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A caller that needs this folder lists it again and gets the error itself.
            FsLog.PrefetchFailed(_logger, directory.Value, e.Message);
        }
        finally
        {
            lock (_lock)
            {
                _running--;
            }
        }

        Pump();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.Clear();
            _queued.Clear();
        }

        _stop.Cancel();
        _stop.Dispose();
    }
}
