using Microsoft.Win32.SafeHandles;

namespace FtpMount.Core.ReadCache;

/// <summary>
/// One server file in the read cache: a sparse data file holding the bytes read so far at their own offsets, the map
/// of which of them are valid (<see cref="CachedRanges"/>), and the identity they belong to. Every handle and reader
/// of the file shares this one object.
/// </summary>
/// <remarks>
/// <c>_lock</c> guards the data file's handle, <see cref="Identity"/>, the ranges and the persistence counters, and is
/// held across each read and write of the data file, so a read never sees bytes another version is writing and
/// eviction never deletes a file under a read. <see cref="Users"/> and <see cref="LastAccess"/> belong to the
/// <see cref="ReadCacheStore"/>'s lock. Lock order: the store's, then a file's; never the other way.
/// </remarks>
internal sealed class CachedFile
{
    private readonly Lock _lock = new();
    private readonly CachedRanges _ranges;
    private FileStream? _data;
    private long _unpersisted;
    private bool _recordStale;
    private bool _evicted;

    // Counts drops: a record snapshot taken before a drop must not be written after it.
    private long _generation;

    // How far the kernel was asked to read ahead in the data file (ReadCacheNative.WillNeed).
    private long _advisedUntil;

    public CachedFile(string dataPath, string recordPath, CacheIdentity identity, CachedRanges ranges, DateTime lastAccess)
    {
        DataPath = dataPath;
        RecordPath = recordPath;
        Identity = identity;
        _ranges = ranges;
        LastAccess = lastAccess;
    }

    public string DataPath { get; }

    public string RecordPath { get; }

    /// <summary>The version the valid ranges belong to.</summary>
    public CacheIdentity Identity { get; private set; }

    /// <summary>Open handles on the file (under the store's lock); a file in use is never evicted.</summary>
    public int Users { get; set; }

    /// <summary>A background write of the record is queued and has not started (under the store's lock).</summary>
    public bool PersistQueued { get; set; }

    /// <summary>When a handle last opened or closed the file (UTC, under the store's lock): the order of eviction.</summary>
    public DateTime LastAccess { get; set; }

    /// <summary>Valid bytes held.</summary>
    public long CachedBytes
    {
        get
        {
            lock (_lock)
            {
                return _ranges.TotalBytes;
            }
        }
    }

    /// <summary>Valid bytes not yet listed in the record on disk.</summary>
    public long UnpersistedBytes => Interlocked.Read(ref _unpersisted);

    /// <summary>
    /// Copies [<paramref name="offset"/>, + destination length) into <paramref name="destination"/> if every byte
    /// of it is valid for <paramref name="identity"/>; false (nothing served) otherwise, or when the disk fails.
    /// </summary>
    public bool TryRead(CacheIdentity identity, long offset, Span<byte> destination)
    {
        lock (_lock)
        {
            if (_evicted || identity != Identity || !_ranges.Covers(offset, offset + destination.Length))
            {
                return false;
            }

            try
            {
                var handle = OpenLocked().SafeFileHandle;
                var total = 0;
                while (total < destination.Length)
                {
                    var read = RandomAccess.Read(handle, destination[total..], offset + total);
                    if (read == 0)
                    {
                        // Someone cut the data file: its ranges are worthless.
                        DropLocked();
                        return false;
                    }

                    total += read;
                }

                AdviseAheadLocked(handle, offset + destination.Length);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Stores downloaded bytes of <paramref name="identity"/> at <paramref name="offset"/> and marks them valid once
    /// written; returns how many bytes became valid that were not before (0 when the identity is another or the disk refused).
    /// </summary>
    public long Write(CacheIdentity identity, long offset, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (_evicted || identity != Identity || data.IsEmpty || offset + data.Length > identity.Size)
            {
                return 0;
            }

            try
            {
                RandomAccess.Write(OpenLocked().SafeFileHandle, data, offset);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full or failing disk: the bytes simply are not cached.
                return 0;
            }

            var added = _ranges.Add(offset, offset + data.Length);
            _unpersisted += added;
            return added;
        }
    }

    /// <summary>Makes <paramref name="identity"/> the file's version, dropping every range of another one; returns the bytes dropped.</summary>
    public long Adopt(CacheIdentity identity)
    {
        lock (_lock)
        {
            if (identity == Identity)
            {
                return 0;
            }

            Identity = identity;
            return DropLocked();
        }
    }

    /// <summary>Drops every range (the content changed through the mount); returns the bytes dropped.</summary>
    public long Drop()
    {
        lock (_lock)
        {
            return DropLocked();
        }
    }

    /// <summary>
    /// Writes the record of the ranges valid now: the data is fsync'd first, then the record goes to a temporary
    /// name, is fsync'd and renamed over the old one. Bytes written after the snapshot wait for the next call.
    /// </summary>
    public void Persist()
    {
        CacheIdentity identity;
        (long, long)[] ranges;
        FileStream? data;
        long snapshot;
        long generation;
        lock (_lock)
        {
            if (_evicted || (!_recordStale && _unpersisted == 0))
            {
                return;
            }

            identity = Identity;
            ranges = [.. _ranges.Ranges];
            data = _data;
            snapshot = _unpersisted;
            generation = _generation;
        }

        try
        {
            // Everything the snapshot lists was written before this: once it is on disk the record may say so.
            if (data is not null)
            {
                RandomAccess.FlushToDisk(data.SafeFileHandle);
            }

            var bytes = RangeRecord.Encode(identity, ranges);
            lock (_lock)
            {
                if (_evicted || identity != Identity || generation != _generation)
                {
                    return;
                }

                var temporary = RecordPath + ".tmp";
                using (var record = CreatePrivate(temporary, FileMode.Create))
                {
                    record.Write(bytes);
                    record.Flush(flushToDisk: true);
                }

                File.Move(temporary, RecordPath, overwrite: true);
                _unpersisted -= snapshot;
                _recordStale = false;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // The record stays as it was: at worst fewer ranges are known than were cached.
        }
    }

    /// <summary>Closes the data file (nobody uses it now); the next read or write opens it again.</summary>
    public void CloseData()
    {
        lock (_lock)
        {
            _data?.Dispose();
            _data = null;
        }
    }

    /// <summary>Removes the files; this object serves and stores nothing afterwards. Only for a file nobody uses.</summary>
    public void Evict()
    {
        lock (_lock)
        {
            _evicted = true;
            _data?.Dispose();
            _data = null;
            _ranges.Clear();
            TryDelete(RecordPath);
            TryDelete(RecordPath + ".tmp");
            TryDelete(DataPath);
        }
    }

    /// <summary>Keeps the kernel reading the valid bytes after <paramref name="end"/> ahead of the next requests.</summary>
    private void AdviseAheadLocked(SafeFileHandle handle, long end)
    {
        const long Ahead = 16 << 20;
        if (end + (Ahead / 2) < _advisedUntil && end >= _advisedUntil - Ahead)
        {
            return;
        }

        var until = Math.Min(_ranges.CoveredUntil(end), end + Ahead);
        if (until > end)
        {
            ReadCacheNative.WillNeed(handle, end, until - end);
        }

        _advisedUntil = until;
    }

    private long DropLocked()
    {
        var dropped = _ranges.TotalBytes;
        _ranges.Clear();
        _unpersisted = 0;
        _recordStale = true;
        _generation++;
        // The record goes first: a crash now leaves no record naming ranges of the old version.
        TryDelete(RecordPath);

        // The data file is unlinked, never cut or rewritten: the kernel may be serving a passthrough open from it
        // (OpenWhole), and that open must go on reading the version it opened. The next version gets a new file.
        _data?.Dispose();
        _data = null;
        TryDelete(DataPath);
        if (File.Exists(DataPath))
        {
            // Not unlinked: cutting it or writing the next version into it would change what a held copy reads,
            // so this entry serves and stores nothing more. The file has no record; the next start-up's sweep
            // removes it.
            _evicted = true;
        }

        return dropped;
    }

    /// <summary>
    /// A read-only handle on the data file when it holds every byte of <paramref name="identity"/> (and nothing
    /// past them), with the generation it belongs to; null otherwise. The handle sees this version for as long as it
    /// is open: a drop unlinks the file rather than changing it.
    /// </summary>
    public (SafeFileHandle Data, long Generation)? OpenWhole(CacheIdentity identity)
    {
        lock (_lock)
        {
            if (_evicted || identity != Identity || identity.Size <= 0 || !_ranges.Covers(0, identity.Size))
            {
                return null;
            }

            SafeFileHandle? handle = null;
            try
            {
                handle = File.OpenHandle(DataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                if (RandomAccess.GetLength(handle) == identity.Size)
                {
                    return (handle, _generation);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not there after all: the caller reads the ordinary way.
            }

            handle?.Dispose();
            return null;
        }
    }

    private FileStream OpenLocked() =>
        _data ??= CreatePrivate(DataPath, FileMode.OpenOrCreate);

    private static FileStream CreatePrivate(string path, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Whatever is left has no record and is removed by the next start-up's sweep.
        }
    }
}
