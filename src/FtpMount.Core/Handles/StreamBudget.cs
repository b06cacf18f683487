namespace FtpMount.Core.Handles;

/// <summary>
/// Shares the pool's connections between long-lived transfer streams: readers that keep a RETR open between
/// reads, and streaming uploads. One connection is always left for metadata, so listings never starve behind
/// open files. When the budget is spent, the least recently used reader that is not reading right now gives its
/// stream back (it reopens with REST when read again); uploads cannot be paused, so they only start when a
/// slot is free and otherwise fall back to the spool. Parallel read segments only take slots that are free right
/// now and give them back within seconds, so they never push out a reader or an upload.
/// </summary>
internal sealed class StreamBudget(Func<int> poolLimit)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<RemoteReader> _readers = new();
    private int _uploads;
    private int _segments;
    private long _segmentsStarted;
    private double _fastestSplitBytesPerSecond;

    private int Capacity => Math.Max(1, poolLimit() - 1);

    private int InUse => _readers.Count + _uploads + _segments;

    /// <summary>Segments started since the start, for tests and status: on a fast link this stays 0.</summary>
    public long SegmentsStarted => Interlocked.Read(ref _segmentsStarted);

    /// <summary>
    /// The highest stream rate a reader measured when the planner split it (0 before any split): what the decision
    /// rested on, so a test can check it against <see cref="Segments.SegmentPlanner.FastStreamBytesPerSecond"/>
    /// instead of against how fast the machine happened to be.
    /// </summary>
    public double FastestSplitBytesPerSecond
    {
        get
        {
            lock (_lock)
            {
                return _fastestSplitBytesPerSecond;
            }
        }
    }

    public void SplitPlanned(double measuredBytesPerSecond)
    {
        lock (_lock)
        {
            _fastestSplitBytesPerSecond = Math.Max(_fastestSplitBytesPerSecond, measuredBytesPerSecond);
        }
    }

    /// <summary>Slots a reader could use for segments now, counting the one its own stream holds.</summary>
    public int FreeStreamsFor(RemoteReader reader)
    {
        lock (_lock)
        {
            return Capacity - InUse + (_readers.Contains(reader) ? 1 : 0);
        }
    }

    public bool TryStartSegment()
    {
        lock (_lock)
        {
            if (InUse >= Capacity)
            {
                return false;
            }

            _segments++;
            _segmentsStarted++;
            return true;
        }
    }

    public void SegmentEnded()
    {
        lock (_lock)
        {
            _segments = Math.Max(0, _segments - 1);
        }
    }

    public async ValueTask BeforeReaderOpensAsync(RemoteReader reader)
    {
        List<RemoteReader> candidates;
        lock (_lock)
        {
            _readers.Remove(reader);
            if (InUse < Capacity)
            {
                _readers.AddLast(reader);
                return;
            }

            candidates = [.. _readers];
        }

        foreach (var candidate in candidates)
        {
            if (await candidate.TryReleaseStreamAsync().ConfigureAwait(false))
            {
                lock (_lock)
                {
                    _readers.Remove(candidate);
                }

                break;
            }
        }

        lock (_lock)
        {
            // Even over budget the reader goes ahead: it waits in the pool's queue rather than failing.
            _readers.AddLast(reader);
        }
    }

    public void ReaderStreamClosed(RemoteReader reader)
    {
        lock (_lock)
        {
            _readers.Remove(reader);
        }
    }

    public bool TryStartUpload()
    {
        lock (_lock)
        {
            if (InUse >= Capacity)
            {
                return false;
            }

            _uploads++;
            return true;
        }
    }

    public void UploadEnded()
    {
        lock (_lock)
        {
            _uploads = Math.Max(0, _uploads - 1);
        }
    }
}
