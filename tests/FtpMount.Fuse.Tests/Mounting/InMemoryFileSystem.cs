using System.Runtime.InteropServices;
using System.Text;
using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Mounting;

/// <summary>
/// A small thread-safe tree of files and directories in memory, enough to run ls/cat/cp/mv/rm against a real
/// mount. Reading "/explode" throws, to prove exceptions stay on the managed side.
/// </summary>
internal sealed class InMemoryFileSystem : IFuseFileSystem
{
    public const string ExplodingPath = "/explode";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, Node> _handles = [];
    private ulong _lastHandle;
    private int _initCalls;
    private int _destroyCalls;

    public InMemoryFileSystem() => _nodes["/"] = Node.Directory((UnixFileMode)0b111_101_101);

    public int InitCalls => Volatile.Read(ref _initCalls);

    public int DestroyCalls => Volatile.Read(ref _destroyCalls);

    public int OpenHandles
    {
        get
        {
            lock (_gate)
            {
                return _handles.Count;
            }
        }
    }

    public void AddFile(string path, string content)
    {
        lock (_gate)
        {
            var node = Node.File((UnixFileMode)0b110_100_100);
            node.Data.AddRange(Encoding.UTF8.GetBytes(content));
            _nodes[path] = node;
        }
    }

    public void AddDirectory(string path)
    {
        lock (_gate)
        {
            _nodes[path] = Node.Directory((UnixFileMode)0b111_101_101);
        }
    }

    public string? ReadFile(string path)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(path, out Node? node) && node.Kind == FuseNodeKind.RegularFile
                ? Encoding.UTF8.GetString([.. node.Data])
                : null;
        }
    }

    public byte[]? ReadBytes(string path)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(path, out Node? node) ? [.. node.Data] : null;
        }
    }

    public string[] AllPaths()
    {
        lock (_gate)
        {
            return [.. _nodes.Keys];
        }
    }

    public bool Exists(string path)
    {
        lock (_gate)
        {
            return _nodes.ContainsKey(path);
        }
    }

    public void Init(FuseConnectionInfo connection) => Interlocked.Increment(ref _initCalls);

    public void Destroy() => Interlocked.Increment(ref _destroyCalls);

    public int GetAttr(string path, out FuseAttributes attributes, ulong? handle)
    {
        if (path == ExplodingPath)
        {
            throw new InvalidOperationException("This path always fails.");
        }

        lock (_gate)
        {
            Node? node = handle is { } h && _handles.TryGetValue(h, out Node? open) ? open : _nodes.GetValueOrDefault(path);
            if (node is null)
            {
                attributes = default;
                return -Errno.ENOENT;
            }

            attributes = node.Attributes();
            return 0;
        }
    }

    public int ReadDir(string path, FuseDirectoryFiller filler)
    {
        List<(string Name, FuseAttributes Attributes)> entries = [];
        lock (_gate)
        {
            if (!_nodes.TryGetValue(path, out Node? directory))
            {
                return -Errno.ENOENT;
            }

            if (directory.Kind != FuseNodeKind.Directory)
            {
                return -Errno.ENOTDIR;
            }

            entries.Add((".", directory.Attributes()));
            entries.Add(("..", directory.Attributes()));
            foreach ((string candidate, Node node) in _nodes)
            {
                if (candidate != "/" && ParentOf(candidate) == path)
                {
                    entries.Add((candidate[(candidate.LastIndexOf('/') + 1)..], node.Attributes()));
                }
            }
        }

        foreach ((string name, FuseAttributes attributes) in entries)
        {
            if (!filler.Add(name, attributes))
            {
                break;
            }
        }

        return 0;
    }

    public int ReadLink(string path, out string target)
    {
        target = string.Empty;
        return -Errno.EINVAL;
    }

    public int Open(string path, ref FuseOpenInfo info)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(path, out Node? node))
            {
                return -Errno.ENOENT;
            }

            if (node.Kind == FuseNodeKind.Directory)
            {
                return -Errno.EISDIR;
            }

            if (info.Truncate && info.Access != FileAccess.Read)
            {
                node.Data.Clear();
                node.Touch();
            }

            info.Handle = ++_lastHandle;
            _handles[info.Handle] = node;
            return 0;
        }
    }

    public int Create(string path, UnixFileMode mode, ref FuseOpenInfo info)
    {
        lock (_gate)
        {
            if (!IsDirectory(ParentOf(path)))
            {
                return -Errno.ENOENT;
            }

            if (_nodes.ContainsKey(path))
            {
                return -Errno.EEXIST;
            }

            var node = Node.File(mode);
            _nodes[path] = node;
            info.Handle = ++_lastHandle;
            _handles[info.Handle] = node;
            return 0;
        }
    }

    public int Read(string path, Span<byte> buffer, long offset, FuseOpenInfo info)
    {
        lock (_gate)
        {
            if (!_handles.TryGetValue(info.Handle, out Node? node))
            {
                return -Errno.EBADF;
            }

            if (offset >= node.Data.Count)
            {
                return 0;
            }

            int count = (int)Math.Min(buffer.Length, node.Data.Count - offset);
            CollectionsMarshal.AsSpan(node.Data).Slice((int)offset, count).CopyTo(buffer);
            return count;
        }
    }

    public int Write(string path, ReadOnlySpan<byte> buffer, long offset, FuseOpenInfo info)
    {
        lock (_gate)
        {
            if (!_handles.TryGetValue(info.Handle, out Node? node))
            {
                return -Errno.EBADF;
            }

            int oldLength = node.Data.Count;
            int end = (int)offset + buffer.Length;
            if (oldLength < end)
            {
                CollectionsMarshal.SetCount(node.Data, end);
                CollectionsMarshal.AsSpan(node.Data)[oldLength..].Clear();
            }

            buffer.CopyTo(CollectionsMarshal.AsSpan(node.Data)[(int)offset..]);

            node.Touch();
            return buffer.Length;
        }
    }

    public int Flush(string path, FuseOpenInfo info) => 0;

    public int Release(string path, FuseOpenInfo info)
    {
        lock (_gate)
        {
            _handles.Remove(info.Handle);
            return 0;
        }
    }

    public int Fsync(string path, bool dataOnly, FuseOpenInfo info) => 0;

    public int Truncate(string path, long length, ulong? handle)
    {
        lock (_gate)
        {
            Node? node = handle is { } h ? _handles.GetValueOrDefault(h) : _nodes.GetValueOrDefault(path);
            if (node is null)
            {
                return -Errno.ENOENT;
            }

            if (node.Kind == FuseNodeKind.Directory)
            {
                return -Errno.EISDIR;
            }

            int oldLength = node.Data.Count;
            CollectionsMarshal.SetCount(node.Data, (int)length);
            if (length > oldLength)
            {
                CollectionsMarshal.AsSpan(node.Data)[oldLength..].Clear();
            }

            node.Touch();
            return 0;
        }
    }

    public int Unlink(string path)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(path, out Node? node))
            {
                return -Errno.ENOENT;
            }

            if (node.Kind == FuseNodeKind.Directory)
            {
                return -Errno.EISDIR;
            }

            _nodes.Remove(path);
            return 0;
        }
    }

    public int Mkdir(string path, UnixFileMode mode)
    {
        lock (_gate)
        {
            if (!IsDirectory(ParentOf(path)))
            {
                return -Errno.ENOENT;
            }

            if (_nodes.ContainsKey(path))
            {
                return -Errno.EEXIST;
            }

            _nodes[path] = Node.Directory(mode);
            return 0;
        }
    }

    public int Rmdir(string path)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(path, out Node? node))
            {
                return -Errno.ENOENT;
            }

            if (node.Kind != FuseNodeKind.Directory)
            {
                return -Errno.ENOTDIR;
            }

            if (_nodes.Keys.Any(candidate => candidate != "/" && ParentOf(candidate) == path))
            {
                return -Errno.ENOTEMPTY;
            }

            _nodes.Remove(path);
            return 0;
        }
    }

    public int Rename(string path, string newPath, FuseRenameOptions flags)
    {
        if ((flags & FuseRenameOptions.Exchange) != 0)
        {
            return -Errno.EINVAL;
        }

        lock (_gate)
        {
            if (!_nodes.TryGetValue(path, out Node? node))
            {
                return -Errno.ENOENT;
            }

            if (!IsDirectory(ParentOf(newPath)))
            {
                return -Errno.ENOENT;
            }

            if (_nodes.TryGetValue(newPath, out Node? existing))
            {
                if ((flags & FuseRenameOptions.NoReplace) != 0)
                {
                    return -Errno.EEXIST;
                }

                if (existing.Kind == FuseNodeKind.Directory && _nodes.Keys.Any(candidate => ParentOf(candidate) == newPath))
                {
                    return -Errno.ENOTEMPTY;
                }
            }

            string prefix = path + "/";
            List<string> descendants = [.. _nodes.Keys.Where(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal))];
            _nodes.Remove(path);
            _nodes[newPath] = node;
            foreach (string descendant in descendants)
            {
                Node child = _nodes[descendant];
                _nodes.Remove(descendant);
                _nodes[newPath + descendant[path.Length..]] = child;
            }

            return 0;
        }
    }

    public int Utimens(string path, DateTimeOffset? accessTime, DateTimeOffset? modificationTime, ulong? handle)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(path, out Node? node))
            {
                return -Errno.ENOENT;
            }

            node.AccessTime = accessTime ?? node.AccessTime;
            node.ModificationTime = modificationTime ?? node.ModificationTime;
            return 0;
        }
    }

    public int Chmod(string path, UnixFileMode mode, ulong? handle)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(path, out Node? node))
            {
                return -Errno.ENOENT;
            }

            node.Permissions = mode;
            return 0;
        }
    }

    public int StatFs(string path, out FuseFileSystemStats stats)
    {
        stats = new FuseFileSystemStats { TotalBlocks = 1 << 20, FreeBlocks = 1 << 19, AvailableBlocks = 1 << 19, TotalFiles = 1000, FreeFiles = 900 };
        return 0;
    }

    private static string ParentOf(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private bool IsDirectory(string path) => _nodes.TryGetValue(path, out Node? node) && node.Kind == FuseNodeKind.Directory;

    private sealed class Node
    {
        private Node(FuseNodeKind kind, UnixFileMode permissions)
        {
            Kind = kind;
            Permissions = permissions;
            AccessTime = ModificationTime = DateTimeOffset.UtcNow;
        }

        public FuseNodeKind Kind { get; }

        public UnixFileMode Permissions { get; set; }

        public List<byte> Data { get; } = [];

        public DateTimeOffset AccessTime { get; set; }

        public DateTimeOffset ModificationTime { get; set; }

        public static Node File(UnixFileMode permissions) => new(FuseNodeKind.RegularFile, permissions);

        public static Node Directory(UnixFileMode permissions) => new(FuseNodeKind.Directory, permissions);

        public void Touch() => ModificationTime = DateTimeOffset.UtcNow;

        public FuseAttributes Attributes() => new()
        {
            Kind = Kind,
            Permissions = Permissions,
            Size = Data.Count,
            AccessTime = AccessTime,
            ModificationTime = ModificationTime,
            ChangeTime = ModificationTime,
        };
    }
}
