namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// Bytes read from one side with the decision about when they may be written to the other. A null buffer marks end
/// of stream. The buffer is rented from the shared array pool.
/// </summary>
internal readonly record struct Chunk(byte[]? Buffer, int Length, ChunkStamp Stamp)
{
    public bool IsEndOfStream => Buffer is null;
}
