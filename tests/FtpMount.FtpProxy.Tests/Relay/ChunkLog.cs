using System.Diagnostics;
using FtpMount.FtpProxy.Relay;

namespace FtpMount.FtpProxy.Tests.Relay;

/// <summary>Records every chunk the proxy schedules, so a test reads what was decided instead of timing traffic.</summary>
internal sealed class ChunkLog : IRelayObserver
{
    /// <summary>Only a broken proxy takes this long; a correct one on a loaded machine takes milliseconds.</summary>
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _clock;
    private readonly long _origin;
    private readonly Lock _lock = new();
    private readonly List<LoggedChunk> _chunks = [];
    private readonly Dictionary<(int, RelayDirection, long), int> _index = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChunkLog(TimeProvider clock)
    {
        _clock = clock;
        _origin = clock.GetTimestamp();
    }

    public void Queued(ChunkStamp chunk)
    {
        var logged = new LoggedChunk(
            chunk.Connection, chunk.Direction, chunk.Sequence, chunk.Length, chunk.IsEndOfStream, Since(chunk.ReceivedTimestamp), Since(chunk.DueTimestamp), null);
        lock (_lock)
        {
            _index.Add((chunk.Connection, chunk.Direction, chunk.Sequence), _chunks.Count);
            _chunks.Add(logged);
            Signal();
        }
    }

    public void Sending(ChunkStamp chunk, long timestamp)
    {
        lock (_lock)
        {
            var at = _index[(chunk.Connection, chunk.Direction, chunk.Sequence)];
            _chunks[at] = _chunks[at] with { Sending = Since(timestamp) };
            Signal();
        }
    }

    public IReadOnlyList<LoggedChunk> Snapshot()
    {
        lock (_lock)
        {
            return [.. _chunks];
        }
    }

    public IReadOnlyList<LoggedChunk> Of(RelayDirection direction) => [.. Snapshot().Where(c => c.Direction == direction)];

    /// <summary>Waits until <paramref name="condition"/> holds over the log and returns the log it held on.</summary>
    public async Task<IReadOnlyList<LoggedChunk>> WaitUntilAsync(
        Func<IReadOnlyList<LoggedChunk>, bool> condition, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(NoHang.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task changed;
            IReadOnlyList<LoggedChunk> snapshot;
            lock (_lock)
            {
                changed = _changed.Task;
                snapshot = [.. _chunks];
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"not within {NoHang.TotalSeconds} s: {what}. Log:\n{string.Join('\n', snapshot)}");
            }

            try
            {
                await changed.WaitAsync(left, ct);
            }
            catch (TimeoutException)
            {
                // Checked once more above, then reported with the log.
            }
        }
    }

    /// <summary>Waits for the chunk <paramref name="sequence"/> of the first connection that has one in <paramref name="direction"/>.</summary>
    public async Task<LoggedChunk> QueuedAsync(RelayDirection direction, long sequence, CancellationToken ct, int? connection = null)
    {
        var log = await WaitUntilAsync(
            l => l.Any(c => Matches(c, direction, sequence, connection)), $"{direction} chunk {sequence} queued", ct);
        return log.First(c => Matches(c, direction, sequence, connection));
    }

    /// <summary>The chunk as the log holds it now.</summary>
    public LoggedChunk Current(LoggedChunk chunk) =>
        Snapshot().Single(c => c.Connection == chunk.Connection && c.Direction == chunk.Direction && c.Sequence == chunk.Sequence);

    /// <summary>
    /// How many chunks of the same pipe were queued, not yet being sent, right after <paramref name="chunk"/> was
    /// read (itself included): more than one means the reader went on reading while earlier chunks waited.
    /// </summary>
    public static int QueueDepthAt(IReadOnlyList<LoggedChunk> log, LoggedChunk chunk) =>
        log.Count(c => c.Connection == chunk.Connection && c.Direction == chunk.Direction && c.Sequence <= chunk.Sequence
            && (c.Sending is null || c.Sending > chunk.Received));

    private static bool Matches(LoggedChunk c, RelayDirection direction, long sequence, int? connection) =>
        c.Direction == direction && c.Sequence == sequence && (connection is null || c.Connection == connection);

    private TimeSpan Since(long timestamp) => _clock.GetElapsedTime(_origin, timestamp);

    private void Signal() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
