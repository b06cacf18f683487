namespace FtpMount.Core.Handles;

/// <summary>
/// Shares the pool's connections between long-lived transfer streams: readers that keep a RETR open between
/// reads, and streaming uploads. One connection is always left for metadata, so listings never starve behind
/// open files. When the budget is spent, the least recently used reader that is not reading right now gives its
/// stream back (it reopens with REST when read again); uploads cannot be paused, so they only start when a
/// slot is free and otherwise fall back to the spool.
/// </summary>
internal sealed class StreamBudget(Func<int> poolLimit)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<RemoteReader> _readers = new();
    private int _uploads;

    private int Capacity => Math.Max(1, poolLimit() - 1);

    public async ValueTask BeforeReaderOpensAsync(RemoteReader reader)
    {
        List<RemoteReader> candidates;
        lock (_lock)
        {
            _readers.Remove(reader);
            if (_readers.Count + _uploads < Capacity)
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
            if (_readers.Count + _uploads >= Capacity)
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
