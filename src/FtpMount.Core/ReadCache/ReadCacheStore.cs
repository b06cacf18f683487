using System.Security.Cryptography;
using System.Text;
using FtpMount.Core.Spool;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.ReadCache;

/// <summary>
/// The read cache of one source: a private subfolder of the cache folder (locked for the mount, as the spool's is),
/// holding per server file a sparse data file and its range record, both named by a hash of the source and the server
/// path, never by a name the server gave. Bounded by <see cref="ReadCacheOptions.MaxBytes"/> (least recently used
/// files evicted first) and <see cref="ReadCacheOptions.MaxAge"/>; files in use are never evicted.
/// </summary>
/// <remarks><c>_lock</c> guards <c>_files</c>, each file's <see cref="CachedFile.Users"/> and <see cref="CachedFile.LastAccess"/>,
/// and <c>_persisting</c>; it is taken before any file's own lock, never after.</remarks>
internal sealed class ReadCacheStore : IDisposable
{
    private const string DataSuffix = ".data";
    private const string RecordSuffix = ".ranges";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, CachedFile> _files = new(StringComparer.Ordinal);
    private readonly List<Task> _persisting = [];
    private readonly SpoolFolder _folder;
    private readonly ReadCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly string _sourceIdentity;
    private long _totalBytes;
    private DateTime _lastAgeSweep;
    private bool _disposed;

    private ReadCacheStore(SpoolFolder folder, ReadCacheOptions options, string sourceIdentity, TimeProvider time)
    {
        _folder = folder;
        _options = options;
        _sourceIdentity = sourceIdentity;
        _time = time;
        Load();
        lock (_lock)
        {
            SweepExpiredLocked();
        }
    }

    /// <summary>The subfolder this source's cache lives in.</summary>
    public string FolderPath => _folder.FullPath;

    /// <summary>Valid bytes held, over all files.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <summary>Files known to the cache, in use or not.</summary>
    public int FileCount
    {
        get
        {
            lock (_lock)
            {
                return _files.Count;
            }
        }
    }

    /// <summary>
    /// The cache of <paramref name="sourceIdentity"/> under <paramref name="options"/>' folder; null (and a warning
    /// in the log) when it is off or cannot be used, e.g. another running mount of the same source holds it.
    /// </summary>
    /// <remarks>
    /// <c>umount</c> returns before the old mount's process has let go of the folder: a remount right after it
    /// waits that moment out rather than read without its cache.
    /// </remarks>
    public static async Task<ReadCacheStore?> TryOpenAsync(
        ReadCacheOptions options, string sourceIdentity, ILogger logger, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (!options.Enabled || options.Directory is not { } directory)
        {
            return null;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new ReadCacheStore(SpoolFolder.Open(directory, sourceIdentity), options, sourceIdentity, time ?? TimeProvider.System);
            }
            catch (SpoolFolderException e) when (e.InnerException is IOException && attempt < LockAttempts)
            {
                await Task.Delay(LockRetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SpoolFolderException or IOException or UnauthorizedAccessException)
            {
                FsLog.ReadCacheUnavailable(logger, directory, e.Message);
                return null;
            }
        }
    }

    private const int LockAttempts = 20;

    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The file's name in the folder: a hash of the source and the server path.</summary>
    public string KeyOf(string serverPath) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{_sourceIdentity}\n{serverPath}")))[..32];

    /// <summary>
    /// The cached file of <paramref name="identity"/>'s path for one more user, its ranges dropped if they belong to
    /// another version. Give it back with <see cref="Release"/>.
    /// </summary>
    public CachedFile Acquire(CacheIdentity identity)
    {
        var key = KeyOf(identity.ServerPath);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SweepExpiredLocked();
            if (!_files.TryGetValue(key, out var file))
            {
                file = new CachedFile(_folder.PathOf(key + DataSuffix), _folder.PathOf(key + RecordSuffix), identity, new CachedRanges(), Now);
                _files.Add(key, file);
            }

            Interlocked.Add(ref _totalBytes, -file.Adopt(identity));
            file.Users++;
            file.LastAccess = Now;
            return file;
        }
    }

    /// <summary>
    /// The whole cached content of <paramref name="identity"/> for a reader the kernel serves straight from the data
    /// file (FUSE passthrough): a lease that keeps the file from eviction, and a read-only handle on its data. Null
    /// when any byte of it is missing.
    /// </summary>
    public CachedCopy? TryOpenWhole(CacheIdentity identity)
    {
        var file = Acquire(identity);
        if (file.OpenWhole(identity) is not { } whole)
        {
            Release(file);
            return null;
        }

        return new CachedCopy(new ReadCacheLease(this, file, identity), whole.Data, file, whole.Generation);
    }

    /// <summary>One user less; the last one's leaving writes the file's record in the background and closes its data file.</summary>
    public void Release(CachedFile file)
    {
        lock (_lock)
        {
            file.Users--;
            file.LastAccess = Now;
            if (file.Users > 0 || _disposed)
            {
                return;
            }

            SchedulePersistLocked(file, close: true);
        }
    }

    /// <summary>
    /// Stores downloaded bytes into <paramref name="file"/> when the cache has room for them (evicting files nobody
    /// uses, least recently used first); the record follows in the background every <see cref="ReadCacheOptions.PersistEveryBytes"/>.
    /// </summary>
    public void Store(CachedFile file, CacheIdentity identity, long offset, ReadOnlySpan<byte> data)
    {
        if (!MakeRoom(data.Length))
        {
            return;
        }

        var added = file.Write(identity, offset, data);
        Interlocked.Add(ref _totalBytes, added);
        if (added > 0 && file.UnpersistedBytes >= _options.PersistEveryBytes)
        {
            lock (_lock)
            {
                SchedulePersistLocked(file, close: false);
            }
        }
    }

    /// <summary>The content of <paramref name="serverPath"/> is being changed through the mount: its cached bytes are dropped.</summary>
    public void Invalidate(string serverPath)
    {
        lock (_lock)
        {
            if (_files.TryGetValue(KeyOf(serverPath), out var file))
            {
                Interlocked.Add(ref _totalBytes, -file.Drop());
            }
        }
    }

    /// <summary>Whether <paramref name="bytes"/> more fit under the limit, after evicting what must go and may.</summary>
    private bool MakeRoom(long bytes)
    {
        if (TotalBytes + bytes <= _options.MaxBytes)
        {
            return true;
        }

        lock (_lock)
        {
            var target = _options.MaxBytes - bytes;
            foreach (var file in _files.Values.Where(f => f.Users == 0).OrderBy(f => f.LastAccess).ToList())
            {
                if (TotalBytes <= target)
                {
                    break;
                }

                EvictLocked(file);
            }

            return TotalBytes + bytes <= _options.MaxBytes;
        }
    }

    private void SweepExpiredLocked()
    {
        var now = Now;
        if (now - _lastAgeSweep < TimeSpan.FromMinutes(1) && _lastAgeSweep != default)
        {
            return;
        }

        _lastAgeSweep = now;
        foreach (var file in _files.Values.Where(f => f.Users == 0 && now - f.LastAccess > _options.MaxAge).ToList())
        {
            EvictLocked(file);
        }
    }

    private void EvictLocked(CachedFile file)
    {
        Interlocked.Add(ref _totalBytes, -file.CachedBytes);
        file.Evict();
        _files.Remove(Path.GetFileNameWithoutExtension(file.DataPath));
    }

    private void SchedulePersistLocked(CachedFile file, bool close)
    {
        if (file.PersistQueued && !close)
        {
            return;
        }

        file.PersistQueued = true;
        _persisting.RemoveAll(t => t.IsCompleted);
        _persisting.Add(Task.Run(() =>
        {
            lock (_lock)
            {
                file.PersistQueued = false;
            }

            file.Persist();
            if (close)
            {
                lock (_lock)
                {
                    if (file.Users == 0)
                    {
                        file.CloseData();
                    }
                }
            }
        }));
    }

    /// <summary>Reads the records left by earlier mounts; a record that is not intact, and data without a record, are removed.</summary>
    private void Load()
    {
        foreach (var path in Directory.EnumerateFiles(_folder.FullPath))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(RecordSuffix, StringComparison.Ordinal))
            {
                var key = name[..^RecordSuffix.Length];
                var record = TryReadRecord(path);
                if (record is { } valid && KeyOf(valid.Identity.ServerPath) == key)
                {
                    var file = new CachedFile(_folder.PathOf(key + DataSuffix), path, valid.Identity, valid.Ranges, File.GetLastWriteTimeUtc(path));
                    _files[key] = file;
                    _totalBytes += file.CachedBytes;
                    continue;
                }

                TryDelete(path);
            }
            else if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                TryDelete(path);
            }
        }

        foreach (var path in Directory.EnumerateFiles(_folder.FullPath, "*" + DataSuffix))
        {
            if (!_files.ContainsKey(Path.GetFileName(path)[..^DataSuffix.Length]))
            {
                TryDelete(path);
            }
        }
    }

    private static (CacheIdentity Identity, CachedRanges Ranges)? TryReadRecord(string path)
    {
        try
        {
            var info = new FileInfo(path);
            // A record of a million ranges is 16 MB; anything larger was not written by us.
            return info.Length > 64L << 20 ? null : RangeRecord.Decode(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start-up.
        }
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Waits for records being written, writes those of files still open, and releases the folder.</summary>
    public void Dispose()
    {
        Task[] pending;
        List<CachedFile> files;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = [.. _persisting];
            files = [.. _files.Values];
        }

        Task.WaitAll(pending);
        foreach (var file in files)
        {
            file.Persist();
            file.CloseData();
            // The record's time is the file's last access for the next mount's eviction order.
            if (File.Exists(file.RecordPath))
            {
                TrySetTime(file.RecordPath, file.LastAccess);
            }
        }

        _folder.Dispose();
    }

    private static void TrySetTime(string path, DateTime time)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the eviction order suffers.
        }
    }
}
