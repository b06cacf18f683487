using System.Diagnostics;
using FtpMount.Core.Handles.Segments;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;

namespace FtpMount.Core.Handles;

/// <summary>
/// Reads one remote file for one open handle. A single RETR streams from the current offset; the bytes read
/// recently stay in a <see cref="ReadWindow"/> so requests that arrive out of order (the kernel's parallel
/// read-ahead) are served from memory; a short jump forward reads through; anything else aborts the stream
/// (ABOR drain) and restarts it with REST at the new offset. A long sequential read over a stream that measures slow
/// switches to several ranged RETRs in parallel (<see cref="SegmentPipeline"/>); any other jump returns to one stream.
/// A file whose size the server did not give is read to the end of the transfer (vouched for by its 226), never
/// with REST past the bytes already seen, and without segments.
/// </summary>
internal sealed class RemoteReader : IAsyncDisposable
{
    private readonly IRemoteStore _client;
    private readonly string _serverPath;
    private readonly long _forwardSkip;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ReadWindow _window;
    private IRemoteDownload? _stream;
    private long _streamPosition;
    private long _endOfFile = long.MaxValue;
    private long _seenLength;
    private readonly StreamRateMeter _meter = new();
    private readonly bool _parallelSegments;
    private SegmentPipeline? _segments;
    private readonly IDownloadSink? _sink;

    private readonly StreamBudget _budget;

    // Guarded by _gate: the last failure of the server to answer, and the last read ticket that was waiting then.
    private Exception? _failure;
    private long _failedAt;
    private long _failedThrough;
    private long _arrivals;

    // The offsets of the reads waiting for or holding the gate (under its own lock, not the gate): a restart looks
    // at them to begin where the lowest of them needs it.
    private readonly Lock _waitingLock = new();
    private readonly List<long> _waiting = [];

    // Whether this reader ever opened a stream (under the gate).
    private bool _streamed;

    public RemoteReader(
        IRemoteStore client, string serverPath, int windowBytes, long forwardSkip, StreamBudget budget, bool parallelSegments, IDownloadSink? sink = null)
    {
        _sink = sink;
        _client = client;
        _parallelSegments = parallelSegments;
        _budget = budget;
        _serverPath = serverPath;
        _forwardSkip = forwardSkip;
        _window = new ReadWindow(windowBytes);
    }

    /// <summary>The file's length once a transfer of a file of unknown size reached the server's end; null before.</summary>
    public long? LearnedLength { get; private set; }

    /// <param name="knownSize">The file's size, or null when the server did not give it.</param>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, long offset, long? knownSize, CancellationToken cancellationToken)
    {
        var ticket = Interlocked.Increment(ref _arrivals);
        int total;
        lock (_waitingLock)
        {
            _waiting.Add(offset);
        }

        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Unwait(offset);
            throw;
        }

        try
        {
            ThrowIfFailedWhileWaiting(ticket);
            try
            {
                total = await ReadLockedAsync(destination, offset, knownSize, cancellationToken).ConfigureAwait(false);
            }
            catch (FtpException e) when (e is FtpTimeoutException or FtpConnectionLostException)
            {
                _failure = e;
                _failedAt = Stopwatch.GetTimestamp();
                _failedThrough = Interlocked.Read(ref _arrivals);
                throw;
            }
        }
        finally
        {
            Unwait(offset);
            _gate.Release();
        }

        if (_stream is not null && _budget.ConnectionWanted)
        {
            // Between reads this stream only holds a connection someone else is waiting for (see StreamBudget).
            _ = YieldStreamAsync();
        }

        return total;
    }

    private void Unwait(long offset)
    {
        lock (_waitingLock)
        {
            _waiting.Remove(offset);
        }
    }

    /// <summary>
    /// Where a new stream for <paramref name="position"/> starts. The kernel's read-ahead sends a file's first
    /// requests (0, 1 MiB, 2 MiB, ...) at once, and the one at 0 may reach the gate second; starting at 1 MiB
    /// would then cost an ABOR and a second RETR for it (round trips, and the bytes again). So a reader that
    /// has not streamed yet stands at 0 as if a stream had just begun there: a first read within the forward
    /// skip reads through from the start, as a jump that short does on a running stream. Later restarts begin
    /// at the lowest offset a waiting read needs from up to the forward skip before, if any.
    /// </summary>
    private long StartFor(long position)
    {
        if (!_streamed && position <= _forwardSkip)
        {
            return 0;
        }

        var start = position;
        lock (_waitingLock)
        {
            foreach (var wanted in _waiting)
            {
                if (wanted < start && wanted >= position - _forwardSkip && !_window.Contains(wanted))
                {
                    start = wanted;
                }
            }
        }

        return start;
    }

    /// <summary>
    /// The kernel queues several reads of one file (read-ahead) and they run one after another here. When the server
    /// stopped answering, each would wait out its own deadline in turn, and the program's read behind them all
    /// (80-90 s with timeout=10 against a stopped vsftpd). Reads that were already waiting when one failed so fail at
    /// once. So do reads that come within the operation timeout after the server did not answer: the kernel reads a
    /// page again at once when its read-ahead failed, and that read would make the program wait a second time.
    /// Later reads try the server again.
    /// </summary>
    private void ThrowIfFailedWhileWaiting(long ticket)
    {
        if (_failure is not { } failure
            || (ticket > _failedThrough
                && (failure is not FtpTimeoutException || Stopwatch.GetElapsedTime(_failedAt) >= _client.Timeouts.Operation)))
        {
            return;
        }

        var message = $"{failure.Message.TrimEnd('.')} (an earlier read of {_serverPath} failed while this one waited).";
        throw failure is FtpTimeoutException ? new FtpTimeoutException(message) : new FtpConnectionLostException(message, failure);
    }

    private async Task YieldStreamAsync()
    {
        try
        {
            await TryReleaseStreamAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is FtpException or IOException or ObjectDisposedException)
        {
            // Closing a stream only aborts it; a failure there leaves nothing for the next read to trip over.
        }
    }

    private async ValueTask<int> ReadLockedAsync(Memory<byte> destination, long offset, long? knownSize, CancellationToken cancellationToken)
    {
        var total = 0;
        var end = knownSize ?? LearnedLength ?? long.MaxValue;
        while (total < destination.Length)
        {
            var position = offset + total;
            // Never REST past the known end: pure-ftpd answers that with "restart offset reset to 0".
            if (position >= _endOfFile || position >= end)
            {
                break;
            }

            if (_window.Contains(position))
            {
                total += _window.CopyTo(position, destination.Span[total..]);
                continue;
            }

            if (_segments is not null && (position < _segments.Position || position - _segments.Position > _forwardSkip))
            {
                await StopSegmentsAsync().ConfigureAwait(false);
            }

            // Without a known size, bytes past those seen may not exist: read through to them rather than REST there.
            var beyondSeen = knownSize is null && position > _seenLength;
            if (_segments is null
                && (_stream is null || position < _streamPosition || (position - _streamPosition > _forwardSkip && !beyondSeen)))
            {
                await RestartAtAsync(beyondSeen ? _seenLength : StartFor(position), knownSize, cancellationToken).ConfigureAwait(false);
            }

            var more = _segments is not null
                ? await FillWindowFromSegmentsAsync(end, cancellationToken).ConfigureAwait(false)
                : await FillWindowAsync(knownSize, cancellationToken).ConfigureAwait(false);
            if (!more)
            {
                if (knownSize is null)
                {
                    LearnedLength = _endOfFile;
                }
                else if (_endOfFile < knownSize)
                {
                    // In stream mode a cut data connection looks like the end of the file, and the server may
                    // already have said 226 for bytes still in flight. Short data would reach the page cache
                    // as zeros: refuse it, so the read fails (EIO) and the next one restarts at its offset.
                    var ended = _endOfFile;
                    _endOfFile = long.MaxValue;
                    throw new FtpIntegrityException(
                        $"The download of {_serverPath} ended at byte {ended} of {knownSize}; the data connection was probably cut.");
                }

                break;
            }
        }

        return total;
    }

    /// <summary>Reads the next chunk of the stream into the window, which drops its oldest bytes when full.</summary>
    private async ValueTask<bool> FillWindowAsync(long? knownSize, CancellationToken cancellationToken)
    {
        var waitedSince = Stopwatch.GetTimestamp();
        var space = _window.GetFreeSpace();
        int read;
        try
        {
            read = await _stream!.ReadAsync(space, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed read has finished the download; without this the next read would take it for an early end.
            await CloseStreamAsync().ConfigureAwait(false);
            throw;
        }

        _meter.Add(read, waitedSince);
        if (read == 0)
        {
            _endOfFile = _streamPosition;
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
            return false;
        }

        _sink?.Downloaded(_window.End, space.Span[..read]);
        _window.Commit(read);
        _streamPosition += read;
        _seenLength = Math.Max(_seenLength, _streamPosition);
        if (_parallelSegments && knownSize is { } size && SegmentPlanner.WorthSplitting(_meter.Bytes, _meter.BytesPerSecond, size - _streamPosition))
        {
            await TryStartSegmentsAsync(size).ConfigureAwait(false);
        }

        return true;
    }

    private async ValueTask TryStartSegmentsAsync(long knownSize)
    {
        var plan = SegmentPlanner.Plan(
            _meter.Bytes, _meter.BytesPerSecond, _meter.StartCost, knownSize - _streamPosition, _budget.FreeStreamsFor(this));
        if (plan is null)
        {
            return;
        }

        _budget.SplitPlanned(_meter.BytesPerSecond);
        // The stream's own slot goes to the segments; the window keeps its bytes and the segments continue it.
        await CloseStreamAsync().ConfigureAwait(false);
        _segments = new SegmentPipeline(_client, _serverPath, _streamPosition, knownSize, plan.Value, _meter.StartCost, _budget);
    }

    /// <summary>Moves the next bytes in order from the segments into the window; false at the end of the file.</summary>
    private async ValueTask<bool> FillWindowFromSegmentsAsync(long knownSize, CancellationToken cancellationToken)
    {
        var segments = _segments!;
        var space = _window.GetFreeSpace();
        int read;
        try
        {
            read = await segments.ReadAsync(space, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpIntegrityException)
        {
            // One stream from the same byte is the fallback; if the file really is short now, it reports that.
            read = 0;
        }

        if (read > 0)
        {
            _sink?.Downloaded(_window.End, space.Span[..read]);
            _window.Commit(read);
            return true;
        }

        var position = segments.Position;
        await StopSegmentsAsync().ConfigureAwait(false);
        if (position >= knownSize)
        {
            _endOfFile = position;
            return false;
        }

        await RestartAtAsync(position, knownSize, cancellationToken).ConfigureAwait(false);
        return await FillWindowAsync(knownSize, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask StopSegmentsAsync()
    {
        var segments = _segments;
        _segments = null;
        if (segments is not null)
        {
            await segments.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask RestartAtAsync(long position, long? knownSize, CancellationToken cancellationToken)
    {
        await CloseStreamAsync().ConfigureAwait(false);
        await _budget.BeforeReaderOpensAsync(this).ConfigureAwait(false);
        var opening = Stopwatch.GetTimestamp();
        _stream = await _client.OpenReadAsync(_serverPath, position, cancellationToken).ConfigureAwait(false);
        _streamed = true;

        // Another client may have stored new content since the size was listed: a transfer that ends early or runs
        // past it says so (FtpTransferLengthException), and the caller re-checks the file instead of cutting it.
        _stream.ExpectedLength = knownSize - position;
        _meter.Restarted(Stopwatch.GetElapsedTime(opening));
        _streamPosition = position;
        if (position != _window.End)
        {
            _window.Reset(position);
        }

        _endOfFile = long.MaxValue;
    }

    /// <summary>Gives the connection back if this reader is idle; the window stays, so nearby reads still hit memory.</summary>
    public async ValueTask<bool> TryReleaseStreamAsync()
    {
        if (!_gate.Wait(0))
        {
            return false;
        }

        try
        {
            if (_stream is null)
            {
                return false;
            }

            await CloseStreamAsync().ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask CloseStreamAsync()
    {
        var stream = _stream;
        _stream = null;
        if (stream is not null)
        {
            _budget.ReaderStreamClosed(this);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopSegmentsAsync().ConfigureAwait(false);
            await CloseStreamAsync().ConfigureAwait(false);
            _window.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
