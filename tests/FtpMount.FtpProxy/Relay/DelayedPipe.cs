using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;

namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// One direction of a relayed connection. The reader stamps each chunk with receive time + delay and queues it; the
/// writer sends each chunk when it falls due. Delay therefore adds latency without limiting throughput: while one
/// chunk waits, the next ones are already being read (a sleep per read would cap throughput at chunk size / delay).
/// Time is read from <see cref="LinkConditions.Clock"/>, and every decision is reported to
/// <see cref="LinkConditions.Observer"/>, so tests can check the schedule without timing it.
/// </summary>
internal sealed class DelayedPipe : IDisposable
{
    /// <summary>Queued bytes per direction; throughput under delay is bounded by this / delay (16 MiB / 20 ms = 800 MiB/s).</summary>
    internal const long MaxBytesInFlight = 16 * 1024 * 1024;

    private const int ReadSize = 64 * 1024;

    private readonly Socket _source;
    private readonly Socket _destination;
    private readonly ProxiedConnection _owner;
    private readonly LinkConditions _link;
    private readonly RelayDirection _direction;
    private readonly IStreamFilter? _filter;
    private readonly ArrayBufferWriter<byte>? _filtered;
    private readonly Channel<Chunk> _queue =
        Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _spaceFreed = new(0);
    private readonly TokenBucket _bucket;
    private long _queuedBytes;
    private long _sequence;

    public DelayedPipe(
        Socket source, Socket destination, ProxiedConnection owner, LinkConditions link, RelayDirection direction, IStreamFilter? filter)
    {
        _source = source;
        _destination = destination;
        _owner = owner;
        _link = link;
        _direction = direction;
        _bucket = new TokenBucket(link.Clock);
        _filter = filter;
        _filtered = filter is null ? null : new ArrayBufferWriter<byte>();
    }

    /// <summary>Completes when end of stream has been forwarded, or when the connection is aborted.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(ReadLoopAsync(cancellationToken), WriteLoopAsync(cancellationToken));

    /// <summary>Only after <see cref="RunAsync"/> has completed: returns the buffers of chunks never sent.</summary>
    public void Dispose()
    {
        while (_queue.Reader.TryRead(out var chunk))
        {
            if (chunk.Buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }
        }

        _spaceFreed.Dispose();
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                while (Volatile.Read(ref _queuedBytes) >= MaxBytesInFlight)
                {
                    await _spaceFreed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                // Not reading while black-holed lets the sender's socket buffers fill, as on a dead path.
                await _link.WaitWhileBlackHoledAsync(cancellationToken).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
                int read;
                try
                {
                    read = await _source.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                // The delay in force now, not at connection start: a change applies from the next chunk on, and a
                // chunk already queued keeps its due time.
                var received = _link.Clock.GetTimestamp();
                var due = After(received, _link.Options.OneWayDelay, _link.Clock.TimestampFrequency);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    if (_filter is not null)
                    {
                        _filter.Complete(_filtered!);
                        EnqueueFiltered(received, due);
                    }

                    Enqueue(null, 0, received, due);
                    return;
                }

                if (_filter is null)
                {
                    Enqueue(buffer, read, received, due);
                    continue;
                }

                _filter.Process(buffer.AsSpan(0, read), _filtered!);
                ArrayPool<byte>.Shared.Return(buffer);
                EnqueueFiltered(received, due);
            }
        }
        catch (Exception)
        {
            // A reset, an abort, or a throwing reply replacement: every failure ends the whole connection, like a
            // broken path would, and none may escape the relay task.
            _owner.Abort();
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var chunk = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                await WaitUntilAsync(chunk.Stamp.DueTimestamp, cancellationToken).ConfigureAwait(false);
                await _link.WaitWhileBlackHoledAsync(cancellationToken).ConfigureAwait(false);
                _link.Observer?.Sending(chunk.Stamp, _link.Clock.GetTimestamp());
                if (chunk.IsEndOfStream)
                {
                    _destination.Shutdown(SocketShutdown.Send);
                    return;
                }

                bool cut;
                try
                {
                    cut = await SendAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk.Buffer!);
                    Interlocked.Add(ref _queuedBytes, -chunk.Length);
                    if (_spaceFreed.CurrentCount == 0)
                    {
                        _spaceFreed.Release();
                    }
                }

                if (cut)
                {
                    _owner.Abort();
                    return;
                }
            }
        }
        catch (Exception)
        {
            _owner.Abort();
        }
    }

    /// <summary>Sends the chunk under the bandwidth cap; true when the data-cut rule stopped it part way.</summary>
    private async ValueTask<bool> SendAsync(Chunk chunk, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (offset < chunk.Length)
        {
            var slice = chunk.Length - offset;
            if (_link.Options.BandwidthBytesPerSecond is { } rate)
            {
                slice = Math.Min(slice, TokenBucket.SliceSize(rate));
                await _bucket.TakeAsync(slice, rate, cancellationToken).ConfigureAwait(false);
            }

            var allowed = _owner.Admit(slice);
            var memory = chunk.Buffer.AsMemory(offset, allowed);
            while (!memory.IsEmpty)
            {
                var sent = await _destination.SendAsync(memory, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                memory = memory[sent..];
            }

            _link.AddRelayed(allowed);
            _owner.Passed(allowed);
            if (allowed < slice)
            {
                return true;
            }

            offset += allowed;
            if (offset < chunk.Length)
            {
                // A black hole set meanwhile (by a byte trigger, say) holds the rest of the chunk too.
                await _link.WaitWhileBlackHoledAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return false;
    }

    /// <summary>The timestamp <paramref name="span"/> after <paramref name="timestamp"/>, rounded up so a chunk is never due early.</summary>
    private static long After(long timestamp, TimeSpan span, long frequency) =>
        timestamp + (long)((((Int128)span.Ticks * frequency) + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);

    private async ValueTask WaitUntilAsync(long dueTimestamp, CancellationToken cancellationToken)
    {
        var clock = _link.Clock;
        while (true)
        {
            var now = clock.GetTimestamp();
            var remaining = clock.GetElapsedTime(now, dueTimestamp);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            // Rounded up: Task.Delay truncates to whole milliseconds and must never release a chunk early.
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var wait = Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)), clock, timer.Token);
            if (clock.GetElapsedTime(now) >= TimeSpan.FromMilliseconds(1))
            {
                // The clock moved between reading it and setting the timer (a test's fake clock, moved by hand, or a
                // stalled thread): the timer counts from the later time and would fire late, or, on a fake clock
                // moved exactly to the due time, never. Set it again from the time now.
                await timer.CancelAsync().ConfigureAwait(false);
                continue;
            }

            await wait.ConfigureAwait(false);
        }
    }

    private void EnqueueFiltered(long received, long due)
    {
        var filtered = _filtered!;
        if (filtered.WrittenCount == 0)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(filtered.WrittenCount);
        filtered.WrittenSpan.CopyTo(buffer);
        Enqueue(buffer, filtered.WrittenCount, received, due);
        filtered.ResetWrittenCount();
    }

    /// <param name="buffer">Null for end of stream.</param>
    private void Enqueue(byte[]? buffer, int length, long received, long due)
    {
        var stamp = new ChunkStamp(_owner.Id, _direction, _sequence++, length, buffer is null, received, due);
        Interlocked.Add(ref _queuedBytes, length);
        _link.Observer?.Queued(stamp);
        _queue.Writer.TryWrite(new Chunk(buffer, length, stamp));
    }
}
