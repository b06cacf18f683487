using System.Buffers;

namespace FtpMount.Testing.Threading;

/// <summary>
/// A private pool that hands a returned array to the next renter of its size, as <see cref="ArrayPool{T}.Shared"/>
/// does on one thread, and counts what is out: a buffer returned too early shows as another request's buffer.
/// </summary>
public sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly ArrayPool<byte> _inner = Create();
    private int _out;

    /// <summary>Arrays rented and not yet returned.</summary>
    public int Outstanding => Volatile.Read(ref _out);

    /// <summary>Waits until every rented array is back: one returned late, by whoever held it last, is not lost.</summary>
    public async Task AllReturnedAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(patience);
        while (Outstanding != 0)
        {
            await Task.Delay(10, deadline.Token).ConfigureAwait(false);
        }
    }

    public override byte[] Rent(int minimumLength)
    {
        Interlocked.Increment(ref _out);
        return _inner.Rent(minimumLength);
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        Interlocked.Decrement(ref _out);
        _inner.Return(array, clearArray);
    }
}
