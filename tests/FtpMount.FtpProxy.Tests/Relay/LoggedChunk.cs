using FtpMount.FtpProxy.Relay;

namespace FtpMount.FtpProxy.Tests.Relay;

/// <summary>
/// One chunk's schedule as the proxy decided it, as time since the <see cref="ChunkLog"/> was made, on the proxy's
/// clock. <see cref="Sending"/> is null while the chunk waits in its queue.
/// </summary>
internal sealed record LoggedChunk(
    int Connection, RelayDirection Direction, long Sequence, int Length, bool IsEndOfStream, TimeSpan Received, TimeSpan Due, TimeSpan? Sending)
{
    public override string ToString() =>
        $"#{Connection} {Direction} {Sequence}: {Length} B received {Received.TotalMilliseconds} ms, due {Due.TotalMilliseconds} ms, " +
        $"sending {(Sending is { } sending ? $"{sending.TotalMilliseconds} ms" : "not yet")}";
}
