namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// Bytes read from one side, stamped with the <see cref="System.Diagnostics.Stopwatch"/> time they may be written to
/// the other. A null buffer marks end of stream. The buffer is rented from the shared array pool.
/// </summary>
internal readonly record struct Chunk(byte[]? Buffer, int Length, long DueTimestamp)
{
    public bool IsEndOfStream => Buffer is null;

    public static Chunk EndOfStream(long dueTimestamp) => new(null, 0, dueTimestamp);
}
