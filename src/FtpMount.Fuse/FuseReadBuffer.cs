using System.Buffers;
using System.Runtime.InteropServices;

namespace FtpMount.Fuse;

/// <summary>
/// Native memory that one read request's reply is read into and that libfuse then sends to the kernel as it is
/// (the <c>read_buf</c> operation), so the bytes are not copied once more into a buffer of libfuse's. Two holders
/// share it: the callback that answers the request, and the read it started, which may go on after the callback
/// gave up at its deadline. The read lets go with <see cref="CallEnded"/> once nothing it started will write here
/// again; the callback then either hands the memory to libfuse (which frees it after the reply) or, if the read
/// did not end in time or failed, lets go too. Whoever lets go last frees the memory.
/// </summary>
public sealed unsafe class FuseReadBuffer : MemoryManager<byte>
{
    private readonly byte* _memory;
    private int _holders = 2;

    internal FuseReadBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _memory = (byte*)NativeMemory.Alloc((nuint)Math.Max(length, 1));
    }

    public int Length { get; }

    /// <summary>The read's hold ends: called exactly once, when the read and everything it started are done with the memory.</summary>
    public void CallEnded() => Let();

    public override Span<byte> GetSpan() => new(_memory, Length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, Length);
        return new MemoryHandle(_memory + elementIndex);
    }

    public override void Unpin()
    {
        // Native memory never moves.
    }

    /// <summary>
    /// The callback's end when the read succeeded: the memory goes to libfuse, which frees it. Null when the read
    /// still holds it (it returned a count but did not say it was done), which the callback must answer as a failure.
    /// </summary>
    internal byte* HandOver() => Interlocked.CompareExchange(ref _holders, 0, 1) == 1 ? _memory : null;

    /// <summary>The callback's end when the reply does not carry the memory.</summary>
    internal void Abandon() => Let();

    protected override void Dispose(bool disposing)
    {
        // The holders decide when the memory goes; MemoryManager's own Dispose is never how.
    }

    private void Let()
    {
        int left = Interlocked.Decrement(ref _holders);
        if (left == 0)
        {
            NativeMemory.Free(_memory);
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A FUSE read buffer was let go more often than it has holders.");
        }
    }
}
