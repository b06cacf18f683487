using FtpMount.Core.Entries;
using FtpMount.Core.Paths;

namespace FtpMount.Core.Cache;

/// <summary>
/// Modification times set on folders through the mount (touch -d, cp -a, rsync -a, tar), shown for as long as the
/// mount runs, whatever the listing cache does. vsftpd (MDTM) and pyftpdlib (MFMT) refuse to set a folder's time,
/// and where the server does set it, our own later uploads into the folder (a temporary name, then a rename) move
/// the server's time again, which Linux would not do for a file's new content.
/// </summary>
/// <remarks>
/// A remembered time holds while the folder is unchanged as a program sees it. Creating, removing or renaming a name
/// in it through the mount sets it to the time of that change, as Linux does: the server sets its own time then too,
/// but a LIST shows only the minute of it (vsftpd), so once the cache expired a program that saw 10:43:14 would see
/// 10:43:00, and rsync -a, which did not set a folder that already showed its source's time, would find it changed
/// every time. A change on the
/// server by someone else: the server's own time of the folder is noted the first time it is listed after the time
/// was set (or after one of our own uploads into it, which moves that time); when a later listing shows a different
/// one, the remembered time is dropped and the server's shown. At most <see cref="Capacity"/> folders are remembered;
/// past that the oldest is forgotten (it shows the server's time again).
/// </remarks>
internal sealed class FolderTimes(int capacity = FolderTimes.DefaultCapacity)
{
    public const int DefaultCapacity = 16_384;

    // Guards every field below.
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Remembered>> _byPath = new(StringComparer.Ordinal);
    private readonly LinkedList<Remembered> _oldestFirst = new();

    public int Capacity => capacity;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byPath.Count;
            }
        }
    }

    /// <summary>A time was set on <paramref name="folder"/> through the mount (whether the server kept it or not).</summary>
    public void Remember(RemotePath folder, DateTimeOffset time)
    {
        lock (_lock)
        {
            RemoveLocked(folder.Value);
            _byPath[folder.Value] = _oldestFirst.AddLast(new Remembered(folder.Value, time));
            if (_byPath.Count > capacity)
            {
                RemoveLocked(_oldestFirst.First!.Value.Path);
            }
        }
    }

    /// <summary>The remembered time of a folder the server lists no entry for (the mounted root); null when none.</summary>
    public DateTimeOffset? TimeOf(RemotePath folder)
    {
        lock (_lock)
        {
            return _byPath.TryGetValue(folder.Value, out var node) ? node.Value.Time : null;
        }
    }

    /// <summary>
    /// A folder's entry as the server listed it (<paramref name="path"/> is <paramref name="parent"/> + its name),
    /// shown with the remembered time unless the server's time says someone else changed the folder since.
    /// </summary>
    public RemoteEntry Apply(string parent, RemoteEntry entry)
    {
        if (!entry.IsDirectory)
        {
            return entry;
        }

        var path = parent == "/" ? "/" + entry.Name : parent + "/" + entry.Name;
        lock (_lock)
        {
            if (!_byPath.TryGetValue(path, out var node))
            {
                return entry;
            }

            var remembered = node.Value;
            if (remembered.ServerTime is null)
            {
                remembered.ServerTime = entry.Modified;
            }
            else if (remembered.ServerTime != entry.Modified)
            {
                RemoveLocked(path);
                return entry;
            }

            return entry with { Modified = remembered.Time };
        }
    }

    /// <summary>A name in <paramref name="folder"/> was created, removed or renamed through the mount at <paramref name="time"/>.</summary>
    public void ChildrenChanged(RemotePath folder, DateTimeOffset time) => Remember(folder, time);

    /// <summary>
    /// Our upload of a file's content into <paramref name="folder"/> moved the server's time of the folder, but not
    /// the folder's time as a program sees it: the server's next listing gives the time to compare against.
    /// </summary>
    public void ContentSaved(RemotePath folder)
    {
        lock (_lock)
        {
            if (_byPath.TryGetValue(folder.Value, out var node))
            {
                node.Value.ServerTime = null;
            }
        }
    }

    /// <summary>A folder was renamed: its time, and those of folders below it, go with it.</summary>
    public void Moved(RemotePath from, RemotePath to)
    {
        lock (_lock)
        {
            // rename(2) replaces only an empty folder, whose own time goes with it.
            foreach (var path in WithinLocked(to))
            {
                RemoveLocked(path);
            }

            foreach (var path in WithinLocked(from))
            {
                var time = _byPath[path].Value.Time;
                RemoveLocked(path);
                var moved = path.Length == from.Value.Length ? to.Value : (to.IsRoot ? string.Empty : to.Value) + path[from.Value.Length..];
                _byPath[moved] = _oldestFirst.AddLast(new Remembered(moved, time));
            }

            while (_byPath.Count > capacity)
            {
                RemoveLocked(_oldestFirst.First!.Value.Path);
            }
        }
    }

    /// <summary>A folder was removed: nothing at or below it is remembered any more.</summary>
    public void Removed(RemotePath folder)
    {
        lock (_lock)
        {
            foreach (var path in WithinLocked(folder))
            {
                RemoveLocked(path);
            }
        }
    }

    private List<string> WithinLocked(RemotePath folder)
    {
        var prefix = folder.IsRoot ? "/" : folder.Value + "/";
        var found = new List<string>();
        foreach (var path in _byPath.Keys)
        {
            if (path == folder.Value || path.StartsWith(prefix, StringComparison.Ordinal))
            {
                found.Add(path);
            }
        }

        return found;
    }

    private void RemoveLocked(string path)
    {
        if (_byPath.Remove(path, out var node))
        {
            _oldestFirst.Remove(node);
        }
    }

    private sealed class Remembered(string path, DateTimeOffset time)
    {
        public string Path { get; } = path;

        public DateTimeOffset Time { get; } = time;

        /// <summary>The server's own time of the folder when last compared; null until the next listing notes it.</summary>
        public DateTimeOffset? ServerTime { get; set; }
    }
}
