using FtpMount.Core.Paths;

namespace FtpMount.Core.Nodes;

/// <summary>The open files by path. A node lives from the first open to the last release of its path.</summary>
internal sealed class FileNodeTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<RemotePath, FileNode> _nodes = [];

    /// <summary>Open files with changes not yet on the server.</summary>
    public int DirtyCount
    {
        get
        {
            lock (_lock)
            {
                var count = 0;
                foreach (var node in _nodes.Values)
                {
                    count += node.Dirty ? 1 : 0;
                }

                return count;
            }
        }
    }

    public FileNode? Find(RemotePath path)
    {
        lock (_lock)
        {
            return _nodes.GetValueOrDefault(path);
        }
    }

    /// <summary>Finds or creates the node and counts one more handle on it.</summary>
    public FileNode Acquire(RemotePath path, Func<FileNode> create)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(path, out var node))
            {
                node = create();
                _nodes[path] = node;
            }

            node.HolderAdded();
            return node;
        }
    }

    /// <summary>
    /// Enters <paramref name="fresh"/> under <paramref name="path"/> with one handle counted, unless a node is open
    /// there already: then returns that one, with one more handle counted only when <paramref name="join"/>. One step,
    /// so a create that raced another create (or an open) of the same name can tell which of the two it is.
    /// </summary>
    public FileNode AddOrFind(RemotePath path, FileNode fresh, bool join)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(path, out var node))
            {
                if (join)
                {
                    node.HolderAdded();
                }

                return node;
            }

            _nodes[path] = fresh;
            fresh.HolderAdded();
            return fresh;
        }
    }

    /// <summary>
    /// The open node of <paramref name="path"/> with one more handle counted, or null when none is open. One step:
    /// a node found and then joined in two could leave the table between them with its last release.
    /// </summary>
    public FileNode? TryAcquire(RemotePath path)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(path, out var node))
            {
                return null;
            }

            node.HolderAdded();
            return node;
        }
    }

    /// <summary>Counts one more holder of a node already in the table (the write-back queue).</summary>
    public void Retain(FileNode node)
    {
        lock (_lock)
        {
            node.HolderAdded();
        }
    }

    /// <summary>Nodes at or below <paramref name="directory"/>.</summary>
    public List<FileNode> Within(RemotePath directory)
    {
        lock (_lock)
        {
            var within = new List<FileNode>();
            foreach (var (path, node) in _nodes)
            {
                if (path.IsWithin(directory))
                {
                    within.Add(node);
                }
            }

            return within;
        }
    }

    /// <summary>Whether a file below <paramref name="directory"/> exists here, open or waiting for upload (rmdir must not remove its folder).</summary>
    public bool HasLiveFileWithin(RemotePath directory)
    {
        lock (_lock)
        {
            foreach (var (path, node) in _nodes)
            {
                if (!node.Deleted && !path.Equals(directory) && path.IsWithin(directory))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Counts one handle less; returns true when it was the last and the node left the table.</summary>
    public bool Release(FileNode node)
    {
        lock (_lock)
        {
            if (node.HolderRemoved() > 0)
            {
                return false;
            }

            if (_nodes.TryGetValue(node.Path, out var current) && ReferenceEquals(current, node))
            {
                _nodes.Remove(node.Path);
            }

            return true;
        }
    }

    /// <summary>Takes a node out of the table (unlinked or replaced while open); its handles keep working.</summary>
    public void Detach(FileNode node)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(node.Path, out var current) && ReferenceEquals(current, node))
            {
                _nodes.Remove(node.Path);
            }
        }
    }

    /// <summary>Moves nodes after a rename of a file or a whole directory.</summary>
    public void Move(RemotePath from, RemotePath to)
    {
        lock (_lock)
        {
            var moved = new List<FileNode>();
            foreach (var (path, node) in _nodes)
            {
                if (path.IsWithin(from))
                {
                    moved.Add(node);
                }
            }

            foreach (var node in moved)
            {
                _nodes.Remove(node.Path);
                node.Renamed(node.Path.Rebase(from, to));
                _nodes[node.Path] = node;
            }
        }
    }

    /// <summary>Open nodes directly inside <paramref name="directory"/>, for listings.</summary>
    public List<FileNode> ChildrenOf(RemotePath directory)
    {
        lock (_lock)
        {
            var children = new List<FileNode>();
            foreach (var (path, node) in _nodes)
            {
                if (!path.IsRoot && path.Parent.Equals(directory))
                {
                    children.Add(node);
                }
            }

            return children;
        }
    }
}
