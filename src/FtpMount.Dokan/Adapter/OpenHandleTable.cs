using System.Collections.Concurrent;
using FtpMount.Core.Paths;

namespace FtpMount.Dokan.Adapter;

/// <summary>The opens by id; an id is what Dokan keeps in <c>DOKAN_FILE_INFO.Context</c> (0 means none).</summary>
internal sealed class OpenHandleTable
{
    private readonly ConcurrentDictionary<ulong, OpenHandle> _handles = new();
    private long _lastId;

    public int Count => _handles.Count;

    public ulong Add(OpenHandle handle)
    {
        var id = (ulong)Interlocked.Increment(ref _lastId);
        _handles[id] = handle;
        return id;
    }

    public OpenHandle? Find(ulong id) => id != 0 && _handles.TryGetValue(id, out var handle) ? handle : null;

    public OpenHandle? Remove(ulong id) => id != 0 && _handles.TryRemove(id, out var handle) ? handle : null;

    /// <summary>After a rename: every open at or below <paramref name="from"/> now lives below <paramref name="to"/>.</summary>
    public void Rebase(RemotePath from, RemotePath to)
    {
        if (from.IsRoot)
        {
            return;
        }

        foreach (var handle in _handles.Values)
        {
            var path = handle.Path;
            if (path.IsWithin(from))
            {
                handle.Path = path.Rebase(from, to);
            }
        }
    }
}
