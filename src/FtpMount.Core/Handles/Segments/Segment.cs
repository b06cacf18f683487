using System.Buffers;
using System.Diagnostics;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;

namespace FtpMount.Core.Handles.Segments;

/// <summary>
/// One range of a file, fetched by REST + RETR on its own pooled connection into pooled memory, and stopped at its
/// end (ABOR). The consumer takes bytes as they arrive, in order; the fetch runs in the background.
/// </summary>
internal sealed class Segment : IAsyncDisposable
{
    private readonly byte[] _buffer;
    private readonly CancellationTokenSource _cancel = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _fetch;
    private int _filled;
    private Exception? _failure;
    private bool _disposed;

    public Segment(IRemoteStore client, string serverPath, long start, int length, bool reachesEndOfFile, Action ended)
    {
        Start = start;
        Length = length;
        _buffer = ArrayPool<byte>.Shared.Rent(length);
        _fetch = Task.Run(() => FetchAsync(client, serverPath, reachesEndOfFile, ended, _cancel.Token));
    }

    public long Start { get; }

    public int Length { get; }

    public long End => Start + Length;

    /// <summary>Bytes moved out by the consumer; the segment is used up when this reaches <see cref="Length"/>.</summary>
    public int Consumed { get; private set; }

    /// <summary>Bytes per second of this fetch including its start, once it has finished; 0 before.</summary>
    public double BytesPerSecond { get; private set; }

    /// <summary>Waits for bytes past <see cref="Consumed"/> and copies as many as fit; throws if the fetch failed.</summary>
    public async ValueTask<int> TakeAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            var filled = Volatile.Read(ref _filled);
            if (filled > Consumed)
            {
                var count = Math.Min(filled - Consumed, destination.Length);
                _buffer.AsSpan(Consumed, count).CopyTo(destination.Span);
                Consumed += count;
                return count;
            }

            if (Volatile.Read(ref _failure) is { } failure)
            {
                throw new FtpIntegrityException($"A parallel segment at byte {Start + filled} failed: {failure.Message}");
            }

            // The fetch releases once per chunk and once when it ends; every read has the data deadline.
            await _arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FetchAsync(IRemoteStore client, string serverPath, bool reachesEndOfFile, Action ended, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var download = await client.OpenReadAsync(serverPath, Start, cancellationToken).ConfigureAwait(false);
            await using (download.ConfigureAwait(false))
            {
                while (_filled < Length)
                {
                    var read = await download.ReadAsync(_buffer.AsMemory(_filled, Length - _filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        // The same rule as the single stream: a RETR that ends early is a cut connection, not the file.
                        throw new FtpIntegrityException(
                            $"The segment of {serverPath} at {Start} ended after {_filled} of {Length} bytes.");
                    }

                    Volatile.Write(ref _filled, _filled + read);
                    _arrived.Release();
                }

                if (reachesEndOfFile)
                {
                    // Reading on to the end lets the server's 226 close the transfer; an ABOR would cost a round trip.
                    await download.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false);
                }
            }

            BytesPerSecond = Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        catch (Exception e)
        {
            Volatile.Write(ref _failure, e);
        }
        finally
        {
            ended();
            _arrived.Release();
        }
    }

    /// <summary>
    /// For a used-up segment: lets the fetch finish its ABOR undisturbed (a cancelled one would discard a good
    /// connection) and frees the memory after; the reader goes on meanwhile.
    /// </summary>
    public async Task RetireAsync()
    {
        await _fetch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the fetch if it still runs (a cancelled read discards its connection) and returns the memory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _cancel.CancelAsync().ConfigureAwait(false);
        await _fetch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _cancel.Dispose();
        _arrived.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
