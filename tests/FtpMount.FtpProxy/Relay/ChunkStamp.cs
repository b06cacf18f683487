namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// What a pipe decided for one chunk: when it was read and when it may be written, in the timestamps of the proxy's
/// <see cref="TimeProvider"/>. <paramref name="Sequence"/> counts the chunks of one direction of one connection from 0;
/// end of stream is a chunk of length 0.
/// </summary>
internal readonly record struct ChunkStamp(
    int Connection, RelayDirection Direction, long Sequence, int Length, bool IsEndOfStream, long ReceivedTimestamp, long DueTimestamp);
