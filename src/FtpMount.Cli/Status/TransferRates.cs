using FtpMount.Core;

namespace FtpMount.Cli.Status;

/// <summary>
/// Transfer rates over a short sliding window, measured where the byte counts are (in the mount) each time a
/// report is made: a watcher asking each second gets the rate of the last <see cref="Window"/> (of the time since
/// the first report, until that is as long); a young transfer gets its average since the start, and one asked
/// about rarely its average since the previous report.
/// </summary>
internal sealed class TransferRates
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>Below this, a byte difference says more about timer jitter than about speed.</summary>
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(200);

    private const int MaxSamples = 32;

    private readonly Lock _lock = new();

    // Guarded by _lock: per transfer id, (time, bytes) samples oldest first; the first is the baseline.
    private readonly Dictionary<long, Queue<(DateTimeOffset Time, long Bytes)>> _samples = [];

    /// <summary>Records the transfers' counts at <paramref name="now"/> and returns each one's rate (bytes/s), by id.</summary>
    public Dictionary<long, double?> Measure(IReadOnlyList<TransferStatus> transfers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        var rates = new Dictionary<long, double?>(transfers.Count);
        lock (_lock)
        {
            foreach (var transfer in transfers)
            {
                if (!_samples.TryGetValue(transfer.Id, out var samples))
                {
                    samples = new Queue<(DateTimeOffset, long)>();
                    samples.Enqueue((transfer.StartedAt, 0));
                    _samples[transfer.Id] = samples;
                }

                samples.Enqueue((now, transfer.Bytes));

                // The oldest sample inside the window is the baseline. When reports come rarely none is old enough
                // to mean anything, and the newest one before the window (the previous report, or the start) serves.
                (DateTimeOffset Time, long Bytes)? before = null;
                while (samples.Count > 1 && (samples.Peek().Time < now - Window || samples.Count > MaxSamples))
                {
                    before = samples.Dequeue();
                }

                var (since, bytes) = samples.Peek();
                if (now - since < Shortest && before is { } earlier)
                {
                    (since, bytes) = earlier;
                }

                var elapsed = now - since;
                rates[transfer.Id] = elapsed >= Shortest ? Math.Max(0, transfer.Bytes - bytes) / elapsed.TotalSeconds : null;
            }

            // Transfers that ended are forgotten, so the table holds only what is in flight.
            if (_samples.Count > transfers.Count)
            {
                foreach (var id in _samples.Keys.ToList())
                {
                    if (!rates.ContainsKey(id))
                    {
                        _samples.Remove(id);
                    }
                }
            }
        }

        return rates;
    }
}
