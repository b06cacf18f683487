using System.Buffers;

namespace FtpMount.Core.Handles;

/// <summary>
/// The most recent bytes of one download, <see cref="Start"/> to <see cref="End"/>, in a ring: making room drops
/// only the oldest eighth, with no bytes moved. The kernel's parallel read-ahead hands us requests out of order,
/// up to its whole read-ahead behind the newest; each one that falls before <see cref="Start"/> costs an ABOR and a
/// new RETR, so the window keeps as much as it can. Not thread-safe; <see cref="RemoteReader"/> serialises access.
/// </summary>
/// <remarks>
/// Every downloaded byte passes through here, even for a request that asks for exactly the stream's next bytes.
/// Reading those straight into the FUSE reply instead was measured (bench/run.sh, issue 15): on loopback it saved
/// about 4% of the mount's CPU, since the kernel's own FUSE copies dominate; at 40 ms RTT it cut sequential reads
/// from 604 to 340 MB/s, because a fill takes everything the socket holds and so keeps the TCP window open ahead of
/// the kernel's requests, which a read of exactly the request's bytes does not.
/// </remarks>
internal sealed class ReadWindow : IDisposable
{
    private byte[] _buffer;
    private int _head;

    public ReadWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public long Start { get; private set; }

    public int Length { get; private set; }

    public long End => Start + Length;

    public int Capacity => _buffer.Length;

    public bool Contains(long position) => position >= Start && position < End;

    /// <summary>Empties the window; the next byte committed is the one at <paramref name="position"/>.</summary>
    public void Reset(long position)
    {
        Start = position;
        Length = 0;
        _head = 0;
    }

    /// <summary>Copies from <paramref name="position"/> (inside the window) as much as fits; returns the count.</summary>
    public int CopyTo(long position, Span<byte> destination)
    {
        if (!Contains(position))
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"Not within [{Start}, {End}).");
        }

        var offset = (int)(position - Start);
        var count = Math.Min(Length - offset, destination.Length);
        var from = (_head + offset) % _buffer.Length;
        var first = Math.Min(count, _buffer.Length - from);
        _buffer.AsSpan(from, first).CopyTo(destination);
        _buffer.AsSpan(0, count - first).CopyTo(destination[first..]);
        return count;
    }

    /// <summary>Where the next bytes of the stream go: contiguous free space after <see cref="End"/>, never empty.</summary>
    public Memory<byte> GetFreeSpace()
    {
        if (Length == _buffer.Length)
        {
            var drop = Math.Max(_buffer.Length / 8, 1);
            _head = (_head + drop) % _buffer.Length;
            Start += drop;
            Length -= drop;
        }

        var tail = (_head + Length) % _buffer.Length;
        var end = tail < _head ? _head : _buffer.Length;
        return _buffer.AsMemory(tail, end - tail);
    }

    /// <summary>Takes in <paramref name="count"/> bytes just written to the memory from <see cref="GetFreeSpace"/>.</summary>
    public void Commit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - Length);
        Length += count;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
