using FtpMount.Core.Storage;

namespace FtpMount.Core.Handles.Segments;

/// <summary>
/// Several <see cref="Segment"/>s ahead of a sequential reader, consecutive from <see cref="Position"/>, delivered
/// strictly in order. New ones start as old ones are used up, while the stream budget has connections to spare and
/// the buffered total stays under <see cref="SegmentPlanner.MaxBufferedBytes"/>.
/// </summary>
internal sealed class SegmentPipeline : IAsyncDisposable
{
    private readonly IRemoteStore _client;
    private readonly string _serverPath;
    private readonly long _fileSize;
    private readonly StreamBudget _budget;
    private readonly TimeSpan _startCost;
    private readonly Queue<Segment> _inFlight = new();
    private readonly List<Task> _retiring = [];
    private int _segmentBytes;
    private long _nextStart;

    public SegmentPipeline(
        IRemoteStore client, string serverPath, long position, long fileSize, SegmentPlan plan, TimeSpan startCost, StreamBudget budget)
    {
        _client = client;
        _serverPath = serverPath;
        _fileSize = fileSize;
        _budget = budget;
        _startCost = startCost;
        _segmentBytes = plan.SegmentBytes;
        Position = position;
        _nextStart = position;
        StartSegments(plan.Count);
    }

    /// <summary>The next byte this pipeline delivers.</summary>
    public long Position { get; private set; }

    /// <summary>Where the bytes already requested end; a position between here and <see cref="Position"/> is on its way.</summary>
    public long RequestedEnd => _nextStart;

    /// <summary>
    /// Moves the next bytes, in order, into <paramref name="destination"/>; 0 at the end of the file or when no
    /// segment runs (no connection was free). Throws when a segment failed; the caller falls back to one stream.
    /// </summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (!_inFlight.TryPeek(out var head))
        {
            StartSegments(1);
            if (!_inFlight.TryPeek(out head))
            {
                return 0;
            }
        }

        var read = await head.TakeAsync(destination, cancellationToken).ConfigureAwait(false);
        Position += read;
        if (head.Consumed == head.Length)
        {
            _inFlight.Dequeue();
            Retire(head);
            StartSegments(int.MaxValue);
        }

        return read;
    }

    private void StartSegments(int wanted)
    {
        while (wanted-- > 0 && _nextStart < _fileSize && BufferedBytes() + _segmentBytes <= SegmentPlanner.MaxBufferedBytes)
        {
            if (!_budget.TryStartSegment())
            {
                return;
            }

            var length = (int)Math.Min(_segmentBytes, _fileSize - _nextStart);
            var reachesEnd = _nextStart + length == _fileSize;
            _inFlight.Enqueue(new Segment(_client, _serverPath, _nextStart, length, reachesEnd, _budget.SegmentEnded));
            _nextStart += length;
        }
    }

    private long BufferedBytes()
    {
        long total = 0;
        foreach (var segment in _inFlight)
        {
            total += segment.Length;
        }

        return total;
    }

    private void Retire(Segment used)
    {
        // Ranges grow with what a finished segment actually achieved, so a faster link gets longer ones.
        if (used.BytesPerSecond > 0)
        {
            _segmentBytes = SegmentPlanner.SegmentBytes(used.BytesPerSecond, _startCost);
        }

        _retiring.RemoveAll(static t => t.IsCompleted);
        _retiring.Add(used.RetireAsync());
    }

    /// <summary>Cancels what still runs; returns once every segment's connection is back or discarded.</summary>
    public async ValueTask DisposeAsync()
    {
        var stopping = new List<Task>(_retiring);
        while (_inFlight.TryDequeue(out var segment))
        {
            stopping.Add(segment.DisposeAsync().AsTask());
        }

        await Task.WhenAll(stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
