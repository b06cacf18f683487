using System.Collections.Concurrent;
using FtpMount.Core;
using Microsoft.Extensions.Logging;

namespace FtpMount.Fuse.Adapter;

/// <summary>
/// Decides, open by open, whether the kernel reads a file straight from the read cache's copy (FUSE passthrough) or
/// asks us as before, and keeps the kernel's per-inode rules (fs/fuse/iomode.c) so that no open ever fails for them:
/// while one open of a file uses passthrough, every other open of it must carry the same backing file, and a
/// passthrough open fails while another open of the file uses the page cache. So a file with ordinary opens gets
/// ordinary opens, a file with passthrough opens gets passthrough opens; one whose content the copy does not hold
/// (opened for writing, changed, not wholly cached) then gets passthrough with direct I/O, which sends its reads and
/// writes to us, and the cached version is forgotten first when it is opened for writing, so the backing file never
/// takes a byte of a newer version. Our counts are never below the kernel's: it drops an open's mode before it sends
/// the release.
/// </summary>
internal sealed class PassthroughOpens(RemoteFileSystem core, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FileOpens> _byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ulong, FileOpens> _passthroughHandles = new();
    private readonly ConcurrentDictionary<ulong, FileOpens> _ordinaryHandles = new();
    private readonly ConcurrentDictionary<string, byte> _reasonsLogged = new(StringComparer.Ordinal);
    private FusePassthrough? _passthrough;
    private long _granted;

    /// <summary>Opens answered with a backing file since the mount started.</summary>
    public long Granted => Interlocked.Read(ref _granted);

    /// <summary>Whether the kernel gave this mount passthrough and it still works.</summary>
    public bool Available => Volatile.Read(ref _passthrough) is not null;

    public void Start(FuseConnectionInfo connection)
    {
        Volatile.Write(ref _passthrough, connection.Passthrough);
        if (connection.PassthroughUnavailable is { } reason)
        {
            LogOnce(reason, "the mount");
        }
    }

    /// <summary>Chooses how the kernel serves the open <paramref name="handle"/> of <paramref name="path"/>.</summary>
    public void Decide(string path, ulong handle, OpenFile file, ref FuseOpenInfo info)
    {
        var passthrough = Volatile.Read(ref _passthrough);
        if (passthrough is null)
        {
            return;
        }

        lock (_lock)
        {
            if (!_byPath.TryGetValue(path, out var opens))
            {
                opens = new FileOpens(path);
                _byPath.Add(path, opens);
            }

            if (opens.Passthrough > 0)
            {
                Join(opens, handle, file, ref info);
                return;
            }

            if (opens.Ordinary > 0)
            {
                LogOnce("another open of the file reads through the page cache", path);
                Ordinary(opens, handle);
                return;
            }

            var copy = TryOpenCachedCopy(file, out var reason);
            if (copy is null)
            {
                LogOnce(reason, path);
                Ordinary(opens, handle);
                return;
            }

            int id;
            try
            {
                id = passthrough.OpenBacking(copy.Data);
            }
            finally
            {
                // The kernel holds its own reference to the file; ours is not needed past the ioctl.
                copy.Data.Dispose();
            }

            if (id <= 0)
            {
                // EPERM (no CAP_SYS_ADMIN, or the kernel turned passthrough down at init), ELOOP (the cache folder is
                // on a stacked file system): true of every file of this mount, so it is not tried again.
                copy.Dispose();
                Volatile.Write(ref _passthrough, null);
                LogOnce($"the kernel refused the cache file as a backing file (errno {-id})", path);
                Ordinary(opens, handle);
                return;
            }

            opens.BackingId = id;
            opens.Channel = passthrough;
            opens.Copy = copy;
            Joined(opens, handle, ref info, directIo: false);
        }
    }

    /// <summary>The open <paramref name="handle"/> ended (its release came).</summary>
    public void Released(ulong handle)
    {
        if (_ordinaryHandles.TryRemove(handle, out var ordinary))
        {
            lock (_lock)
            {
                ordinary.Ordinary--;
                Forget(ordinary);
            }
        }
        else if (_passthroughHandles.TryRemove(handle, out var opens))
        {
            lock (_lock)
            {
                if (--opens.Passthrough == 0)
                {
                    // The channel that registered the id: passthrough may have been given up for later opens since.
                    _ = opens.Channel?.CloseBacking(opens.BackingId);
                    opens.BackingId = 0;
                    opens.Channel = null;
                    opens.Copy?.Dispose();
                    opens.Copy = null;
                }

                Forget(opens);
            }
        }
    }

    /// <summary>
    /// <paramref name="path"/> names another file from now on (unlinked, or renamed over): the kernel gives that one a
    /// new inode, with rules of its own. Open handles of the old one keep their record.
    /// </summary>
    public void NameGone(string path)
    {
        lock (_lock)
        {
            _byPath.Remove(path);
        }
    }

    /// <summary>The file of <paramref name="path"/> is now <paramref name="newPath"/> (same inode, same rules).</summary>
    public void Renamed(string path, string newPath)
    {
        lock (_lock)
        {
            _byPath.Remove(newPath);
            if (_byPath.Remove(path, out var opens))
            {
                opens.Path = newPath;
                _byPath[newPath] = opens;
            }
        }
    }

    /// <summary>An open of a file that already has passthrough opens: the same backing file, direct I/O unless it reads that very content.</summary>
    private void Join(FileOpens opens, ulong handle, OpenFile file, ref FuseOpenInfo info)
    {
        if (file.CanWrite)
        {
            // The new content must never be written into the file the other opens read.
            core.ForgetCachedCopy(file);
            Joined(opens, handle, ref info, directIo: true);
            return;
        }

        using var copy = TryOpenCachedCopy(file, out _);
        Joined(opens, handle, ref info, directIo: copy is null || !copy.SameContentAs(opens.Copy));
    }

    /// <summary>The cache's whole copy for <paramref name="file"/>; a disk that fails here only means no passthrough.</summary>
    private Core.ReadCache.CachedCopy? TryOpenCachedCopy(OpenFile file, out string reason)
    {
        try
        {
            return core.TryOpenCachedCopy(file, out reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            reason = "the read cache could not open the file: " + e.Message;
            return null;
        }
    }

    private void Joined(FileOpens opens, ulong handle, ref FuseOpenInfo info, bool directIo)
    {
        opens.Passthrough++;
        _passthroughHandles[handle] = opens;
        info.BackingId = opens.BackingId;
        info.KeepCache = false;
        info.DirectIo = directIo;
        if (!directIo)
        {
            Interlocked.Increment(ref _granted);
        }
    }

    private void Ordinary(FileOpens opens, ulong handle)
    {
        opens.Ordinary++;
        _ordinaryHandles[handle] = opens;
    }

    private void Forget(FileOpens opens)
    {
        if (opens.Ordinary == 0 && opens.Passthrough == 0 && _byPath.TryGetValue(opens.Path, out var current) && current == opens)
        {
            _byPath.Remove(opens.Path);
        }
    }

    private void LogOnce(string reason, string path)
    {
        if (_reasonsLogged.TryAdd(reason, 0))
        {
            FuseAdapterLog.PassthroughNotUsed(logger, path, reason);
        }
    }

    /// <summary>The opens of one kernel inode, as far as we know them.</summary>
    private sealed class FileOpens(string path)
    {
        public string Path { get; set; } = path;

        public int Ordinary { get; set; }

        public int Passthrough { get; set; }

        public int BackingId { get; set; }

        public FusePassthrough? Channel { get; set; }

        public Core.ReadCache.CachedCopy? Copy { get; set; }
    }
}
