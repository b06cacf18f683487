namespace FtpMount.Core.ReadCache;

/// <summary>
/// Which byte ranges of one cached file hold valid data: sorted, disjoint, and never adjacent (a range that touches
/// or overlaps another merges with it), so a file read in order is one range whatever the number of reads, and the
/// memory a file's map takes grows only with the number of holes. Not thread-safe; <see cref="CachedFile"/> locks.
/// </summary>
internal sealed class CachedRanges
{
    // Starts and ends, half-open [start, end); _starts is sorted and _ends[i] < _starts[i + 1].
    private readonly List<long> _starts = [];
    private readonly List<long> _ends = [];

    /// <summary>How many disjoint ranges the map holds.</summary>
    public int Count => _starts.Count;

    /// <summary>Bytes covered, the sum of the ranges' lengths.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>The ranges in order.</summary>
    public IEnumerable<(long Start, long End)> Ranges
    {
        get
        {
            for (var i = 0; i < _starts.Count; i++)
            {
                yield return (_starts[i], _ends[i]);
            }
        }
    }

    /// <summary>Marks [<paramref name="start"/>, <paramref name="end"/>) valid; returns how many bytes were not covered before.</summary>
    public long Add(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        if (end == start)
        {
            return 0;
        }

        // The first range that ends at or after start (it touches or overlaps the new one, or lies after it).
        var first = FirstEndingAtOrAfter(start);
        var last = first;
        var mergedStart = start;
        var mergedEnd = end;
        long coveredBefore = 0;
        while (last < _starts.Count && _starts[last] <= end)
        {
            mergedStart = Math.Min(mergedStart, _starts[last]);
            mergedEnd = Math.Max(mergedEnd, _ends[last]);
            coveredBefore += _ends[last] - _starts[last];
            last++;
        }

        _starts.RemoveRange(first, last - first);
        _ends.RemoveRange(first, last - first);
        _starts.Insert(first, mergedStart);
        _ends.Insert(first, mergedEnd);
        var added = mergedEnd - mergedStart - coveredBefore;
        TotalBytes += added;
        return added;
    }

    /// <summary>Where the valid bytes from <paramref name="offset"/> end: <paramref name="offset"/> itself when it is not covered.</summary>
    public long CoveredUntil(long offset)
    {
        var index = FirstEndingAtOrAfter(offset + 1);
        return index < _starts.Count && _starts[index] <= offset ? _ends[index] : offset;
    }

    /// <summary>Whether every byte of [<paramref name="start"/>, <paramref name="end"/>) is valid.</summary>
    public bool Covers(long start, long end) => end <= start || CoveredUntil(start) >= end;

    public void Clear()
    {
        _starts.Clear();
        _ends.Clear();
        TotalBytes = 0;
    }

    private int FirstEndingAtOrAfter(long position)
    {
        var low = 0;
        var high = _ends.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_ends[middle] < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
