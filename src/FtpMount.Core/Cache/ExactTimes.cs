using FtpMount.Core.Paths;
using FtpMount.Ftp.Listing;

namespace FtpMount.Core.Cache;

/// <summary>
/// Exact modification times of files, finer than their listing shows them: learnt from MDTM where LIST is coarse
/// (minutes, or only the day for files older than six months), or set through the mount (nanoseconds from
/// <c>utimensat</c>, where even MLSD keeps seconds and <c>rsync -a</c> compares nanoseconds). They outlive the
/// listing cache: a later listing that still agrees (same size, listed time containing the exact one) gets the
/// exact time back without asking again. Bounded: the oldest remembered path goes first.
/// </summary>
internal sealed class ExactTimes(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<RemotePath, Known> _byPath = [];
    private readonly Queue<RemotePath> _order = new();

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

    /// <summary>True when <paramref name="exact"/> lies in the span a listed time stands for (at least its second).</summary>
    public static bool Agrees(FtpListEntry listed, DateTimeOffset exact) =>
        listed.Modified is { } coarse && exact >= coarse && exact < coarse + Span(listed);

    private static TimeSpan Span(FtpListEntry listed) =>
        listed.ModifiedPrecision > TimeSpan.FromSeconds(1) ? listed.ModifiedPrecision : TimeSpan.FromSeconds(1);

    /// <summary>
    /// The remembered exact time of <paramref name="path"/> when the listing still agrees with it. Not while the
    /// listed span is still open at <paramref name="listedAt"/>: a change later in the same minute would look the same.
    /// </summary>
    public bool TryGet(RemotePath path, FtpListEntry listed, DateTimeOffset listedAt, out DateTimeOffset exact)
    {
        exact = default;
        if (listed.Modified is not { } coarse || coarse + Span(listed) > listedAt)
        {
            return false;
        }

        lock (_lock)
        {
            if (!_byPath.TryGetValue(path, out var known) || known.Size != listed.Size || !Agrees(listed, known.Time))
            {
                return false;
            }

            exact = known.Time;
            return true;
        }
    }

    public void Remember(RemotePath path, long? size, DateTimeOffset exact)
    {
        lock (_lock)
        {
            Add(path, new Known(size, exact));
        }
    }

    private void Add(RemotePath path, Known known)
    {
        if (!_byPath.ContainsKey(path))
        {
            while (_byPath.Count >= capacity && _order.TryDequeue(out var oldest))
            {
                _byPath.Remove(oldest);
            }

            // Moved paths leave stale names in the queue; rebuilt before it outgrows the map twice over.
            if (_order.Count >= 2 * capacity)
            {
                _order.Clear();
                foreach (var key in _byPath.Keys)
                {
                    _order.Enqueue(key);
                }
            }

            _order.Enqueue(path);
        }

        _byPath[path] = known;
    }

    /// <summary>A file renamed through the mount keeps its remembered time.</summary>
    public void Move(RemotePath from, RemotePath to)
    {
        lock (_lock)
        {
            if (_byPath.Remove(from, out var known))
            {
                Add(to, known);
            }
        }
    }

    private readonly record struct Known(long? Size, DateTimeOffset Time);
}
