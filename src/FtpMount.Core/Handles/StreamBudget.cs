using FtpMount.Core.Storage;

namespace FtpMount.Core.Handles;

/// <summary>
/// Shares the pool's connections between long-lived transfer streams: readers that keep a RETR open between
/// reads, and streaming uploads. One connection is always left for metadata, so listings never starve behind
/// open files. When the budget is spent, the least recently used reader that is not reading right now gives its
/// stream back (it reopens with REST when read again); uploads cannot be paused, so they only start when a
/// slot is free and otherwise fall back to the spool. Parallel read segments only take slots that are free right
/// now and give them back within seconds, so they never push out a reader or an upload.
/// Whenever anyone waits for a connection (a reader over budget, a listing, a stat), readers holding one between
/// reads give it back: a held stream must never make others wait for a read that cannot come. Every FUSE request
/// blocks a libfuse worker thread, so with all workers waiting for a connection, the holders' next reads could
/// never be served (16 readers over 2 connections deadlocked until the pool wait timed out, and reads failed).
/// </summary>
internal sealed class StreamBudget
{
    private readonly IRemoteConnections _pool;
    private readonly Lock _lock = new();
    private readonly LinkedList<RemoteReader> _readers = new();
    private int _uploads;
    private int _segments;
    private long _segmentsStarted;
    private double _fastestSplitBytesPerSecond;

    public StreamBudget(IRemoteConnections pool)
    {
        _pool = pool;
        pool.ConnectionWanted += OnConnectionWanted;
    }

    private int Capacity => Math.Max(1, _pool.Limit - 1);

    /// <summary>True while someone waits for a connection: a reader that holds one between reads gives it back.</summary>
    public bool ConnectionWanted => _pool.WaitingCount > 0;

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

    /// <summary>Someone started to wait for a connection: the first reader found between reads gives its stream back.</summary>
    private void OnConnectionWanted()
    {
        List<RemoteReader> holders;
        lock (_lock)
        {
            if (_readers.Count == 0)
            {
                return;
            }

            holders = [.. _readers];
        }

        _ = ReleaseOneAsync(holders);
    }

    private static async Task ReleaseOneAsync(List<RemoteReader> holders)
    {
        foreach (var holder in holders)
        {
            // Readers in the middle of a read give their stream back when that read ends.
            if (await holder.TryReleaseStreamAsync().ConfigureAwait(false))
            {
                return;
            }
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
