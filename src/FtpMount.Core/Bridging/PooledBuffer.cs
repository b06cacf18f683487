using System.Buffers;

namespace FtpMount.Core.Bridging;

/// <summary>
/// A rented array shared by a blocking callback and the core call it started. Each holder lets go once; the array
/// goes back to the pool only when both have: the callback after it copied in or out, the call when it really
/// completed. A call the callback gave up on at its deadline may still write into the array, so until then nobody
/// else may be handed it.
/// </summary>
internal sealed class PooledBuffer
{
    private readonly ArrayPool<byte> _pool;
    private readonly byte[] _array;
    private int _holders = 2;

    public PooledBuffer(ArrayPool<byte> pool, int length)
    {
        _pool = pool;
        _array = pool.Rent(length);
        Length = length;
    }

    public int Length { get; }

    public Memory<byte> Memory => _array.AsMemory(0, Length);

    public Span<byte> Span => _array.AsSpan(0, Length);

    /// <summary>Called once by each holder; the last one returns the array.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _holders);
        if (left == 0)
        {
            _pool.Return(_array);
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A pooled buffer was released more often than it has holders.");
        }
    }
}
