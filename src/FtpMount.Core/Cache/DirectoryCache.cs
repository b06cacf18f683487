using System.Collections.Concurrent;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Paths;
using Microsoft.Extensions.Caching.Memory;

namespace FtpMount.Core.Cache;

/// <summary>
/// Directory listings and single entries with per-kind TTLs on a size-bounded <see cref="MemoryCache"/>.
/// Concurrent misses for one directory share one listing (single flight). Our own changes patch or drop exactly
/// the listings they affect. A listing fetched across such a change gets the change applied before anyone sees it
/// (a background upload that finishes while its folder is being listed must not vanish from that listing), and
/// is stored only when nothing but such patches happened meanwhile (generation check).
/// </summary>
public sealed class DirectoryCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly DirectoryCacheOptions _options;
    private readonly Func<RemotePath, CancellationToken, Task<DirectoryListing>> _list;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<RemotePath, Task<DirectoryListing>> _inflight = new();
    private readonly ConcurrentDictionary<RemotePath, long> _generations = new();
    private readonly ConcurrentDictionary<RemotePath, byte> _cachedDirectories = new();
    private readonly Lock _changeLock = new();
    private readonly Dictionary<RemotePath, List<(string Name, RemoteEntry? Entry)>> _patchesInFlight = [];
    private long _hits;
    private long _misses;

    public DirectoryCache(
        Func<RemotePath, CancellationToken, Task<DirectoryListing>> list, DirectoryCacheOptions options, TimeProvider? time = null)
    {
        _list = list;
        _options = options;
        _time = time ?? TimeProvider.System;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MaxEntries, Clock = null });
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public DirectoryCacheOptions Options => _options;

    public bool TryGetListing(RemotePath directory, out DirectoryListing listing)
    {
        if (_cache.TryGetValue(ListingKey(directory), out CachedListing? cached) && !IsExpired(cached!.StoredAt, _options.DirectoryTtl))
        {
            listing = cached.Listing;
            return true;
        }

        listing = null!;
        return false;
    }

    /// <summary>As <see cref="TryGetListing"/>, counted as a hit when it is: a caller that uses it instead of <see cref="GetListingAsync"/>.</summary>
    public bool TryUseListing(RemotePath directory, out DirectoryListing listing)
    {
        if (!TryGetListing(directory, out listing))
        {
            return false;
        }

        Interlocked.Increment(ref _hits);
        return true;
    }

    /// <summary>True when the listing is cached or being fetched: asking for it now costs no new round trip.</summary>
    public bool HasOrIsFetching(RemotePath directory) => _inflight.ContainsKey(directory) || TryGetListing(directory, out _);

    /// <summary>The cached listing, or one fetched now (shared with concurrent callers for the same directory).</summary>
    public async ValueTask<DirectoryListing> GetListingAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        if (TryUseListing(directory, out var cached))
        {
            return cached;
        }

        Interlocked.Increment(ref _misses);
        var shared = JoinOrStartFetch(directory, takeStored: true);
        if (_options.ListingWaitTimeout is not { } limit)
        {
            return await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // The fetch goes on for those still waiting (and fills the cache); this caller leaves on its deadline.
            return await shared.WaitAsync(limit, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new RemoteFsException(
                FsError.TimedOut, $"Listing {directory} did not arrive within {limit.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>
    /// Lists <paramref name="directory"/> again whatever the cache holds, exactly as a miss would (our own changes
    /// made meanwhile are kept), and returns what was cached before (null: nothing fresh) and the new listing.
    /// </summary>
    public async Task<(DirectoryListing? Before, DirectoryListing After)> RefreshAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        var before = TryGetListing(directory, out var cached) ? cached : null;
        return (before, await JoinOrStartFetch(directory, takeStored: false).WaitAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The listing of <paramref name="directory"/> being fetched, started now unless one already is.</summary>
    /// <param name="takeStored">
    /// After a miss: a fetch that stored its listing and left the in-flight table between the caller's look at the
    /// cache and this call has answered it, and listing again would cost a round trip for nothing.
    /// </param>
    private Task<DirectoryListing> JoinOrStartFetch(RemotePath directory, bool takeStored)
    {
        var fetch = new TaskCompletionSource<DirectoryListing>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _inflight.GetOrAdd(directory, fetch.Task);
        if (shared != fetch.Task)
        {
            return shared;
        }

        if (takeStored && TryGetListing(directory, out var stored))
        {
            _inflight.TryRemove(new KeyValuePair<RemotePath, Task<DirectoryListing>>(directory, fetch.Task));
            fetch.SetResult(stored);
            return fetch.Task;
        }

        _ = FetchAsync(directory, fetch);
        return shared;
    }

    private async Task FetchAsync(RemotePath directory, TaskCompletionSource<DirectoryListing> fetch)
    {
        long generation;
        var patches = new List<(string Name, RemoteEntry? Entry)>();
        lock (_changeLock)
        {
            generation = _generations.GetValueOrDefault(directory);
            _patchesInFlight[directory] = patches;
        }

        try
        {
            // Not the caller's token: other callers share this fetch. FTP deadlines bound it.
            var listing = await _list(directory, CancellationToken.None).ConfigureAwait(false);
            lock (_changeLock)
            {
                _patchesInFlight.Remove(directory);
                foreach (var (name, entry) in patches)
                {
                    listing = listing.With(name, entry);
                }

                if (_generations.GetValueOrDefault(directory) - generation == patches.Count)
                {
                    StoreListing(directory, listing);
                }
            }

            fetch.SetResult(listing);
        }
        catch (Exception e)
        {
            lock (_changeLock)
            {
                _patchesInFlight.Remove(directory);
            }

            fetch.SetException(e);
        }
        finally
        {
            // Removed only after it was added (the fetch may finish synchronously), and only this fetch.
            _inflight.TryRemove(new KeyValuePair<RemotePath, Task<DirectoryListing>>(directory, fetch.Task));
        }
    }

    /// <summary>
    /// What the cache knows of one path: true with an entry, true with null (known absent), or false (unknown).
    /// The parent's listing answers first; then single entries from MLST or earlier misses.
    /// </summary>
    public bool TryGetEntry(RemotePath path, out RemoteEntry? entry)
    {
        if (!TryPeekEntry(path, out entry))
        {
            return false;
        }

        Interlocked.Increment(ref _hits);
        return true;
    }

    /// <summary>
    /// A name in <paramref name="folder"/> was created, removed or renamed through the mount: as on a local disk, the
    /// folder's own time is now. Were the cached time kept, a program that set the folder's time before filling it
    /// (rsync -a, tar) would see that time still, not set it again at the end, and see the server's time, moved by
    /// the uploads, once the cache expired.
    /// </summary>
    /// <returns>The folder's new time.</returns>
    public DateTimeOffset FolderChanged(RemotePath folder)
    {
        var now = _time.GetUtcNow();
        if (!folder.IsRoot && TryPeekEntry(folder, out var entry) && entry is { IsDirectory: true })
        {
            Update(folder, entry with { Modified = now });
        }

        return now;
    }

    /// <summary>Remembers one looked-up entry (null: it does not exist).</summary>
    public void StoreEntry(RemotePath path, RemoteEntry? entry)
    {
        var ttl = entry is null ? _options.NegativeTtl : _options.DirectoryTtl;
        if (ttl <= TimeSpan.Zero)
        {
            // dir_cache_ttl=0 / negative_ttl=0 mean "never trust": MemoryCache refuses a zero lifetime.
            return;
        }

        _cache.Set(EntryKey(path), new CachedEntry(entry, _time.GetUtcNow()), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = ttl,
        });
    }

    /// <summary>
    /// Records the effect of our own change to <paramref name="path"/>: the entry now is <paramref name="entry"/>
    /// (null: removed). The parent's listing is patched in place when cached, so no re-listing is needed.
    /// </summary>
    public void Update(RemotePath path, RemoteEntry? entry)
    {
        var parent = path.Parent;
        lock (_changeLock)
        {
            BumpGeneration(parent);
            if (!path.IsRoot && _patchesInFlight.TryGetValue(parent, out var patches))
            {
                patches.Add((path.Name, entry));
            }

            if (!path.IsRoot && _cache.TryGetValue(ListingKey(parent), out CachedListing? cached))
            {
                StoreListing(parent, cached!.Listing.With(path.Name, entry), cached.StoredAt);
            }
        }

        StoreEntry(path, entry);
    }

    /// <summary>Drops a single remembered entry (positive or negative).</summary>
    public void Forget(RemotePath path) => _cache.Remove(EntryKey(path));

    /// <summary>Records a directory we just created as empty, so listing it costs no round trip.</summary>
    public void SeedEmptyListing(RemotePath directory)
    {
        BumpGeneration(directory);
        StoreListing(directory, new DirectoryListing([], _time.GetUtcNow()));
    }

    /// <summary>Drops one directory's listing.</summary>
    public void InvalidateDirectory(RemotePath directory)
    {
        BumpGeneration(directory);
        _cache.Remove(ListingKey(directory));
        _cachedDirectories.TryRemove(directory, out _);
    }

    /// <summary>Drops a directory's listing and everything cached below it (after the directory was renamed or removed).</summary>
    public void InvalidateTree(RemotePath directory)
    {
        foreach (var cached in _cachedDirectories.Keys)
        {
            if (cached.IsWithin(directory))
            {
                InvalidateDirectory(cached);
            }
        }

        InvalidateDirectory(directory);
        _cache.Remove(EntryKey(directory));
    }

    /// <summary>Forgets everything (e.g. on request from the user).</summary>
    public void Clear()
    {
        foreach (var directory in _cachedDirectories.Keys)
        {
            InvalidateDirectory(directory);
        }

        _cache.Clear();
    }

    private void StoreListing(RemotePath directory, DirectoryListing listing, DateTimeOffset? storedAt = null)
    {
        var at = storedAt ?? _time.GetUtcNow();
        var remaining = _options.DirectoryTtl - (_time.GetUtcNow() - at);
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        _cache.Set(ListingKey(directory), new CachedListing(listing, at), new MemoryCacheEntryOptions
        {
            Size = listing.Count + 1,
            AbsoluteExpirationRelativeToNow = remaining,
        });
        _cachedDirectories[directory] = 0;
    }

    private void BumpGeneration(RemotePath directory)
    {
        lock (_changeLock)
        {
            _generations.AddOrUpdate(directory, 1, static (_, g) => g + 1);
        }
    }

    private bool IsExpired(DateTimeOffset storedAt, TimeSpan ttl) => _time.GetUtcNow() - storedAt >= ttl;

    private static string ListingKey(RemotePath path) => "d:" + path.Value;

    private static string EntryKey(RemotePath path) => "e:" + path.Value;

    public void Dispose() => _cache.Dispose();

    private bool TryPeekEntry(RemotePath path, out RemoteEntry? entry)
    {
        if (!path.IsRoot && TryGetListing(path.Parent, out var listing))
        {
            entry = listing.Find(path.Name);
            return true;
        }

        if (_cache.TryGetValue(EntryKey(path), out CachedEntry? cached)
            && !IsExpired(cached!.StoredAt, cached.Entry is null ? _options.NegativeTtl : _options.DirectoryTtl))
        {
            entry = cached.Entry;
            return true;
        }

        entry = null;
        return false;
    }

    private sealed record CachedListing(DirectoryListing Listing, DateTimeOffset StoredAt);

    private sealed record CachedEntry(RemoteEntry? Entry, DateTimeOffset StoredAt);
}
