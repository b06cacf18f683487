namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// Sees each scheduling decision of the relays as it is made, so tests can check what the proxy decided (due times,
/// queue depth, order) instead of timing the traffic on a machine whose speed they do not control. Called from the
/// relay tasks, concurrently; must be quick and must not throw.
/// </summary>
internal interface IRelayObserver
{
    /// <summary>The chunk was read, stamped and queued; called before the writer can see it.</summary>
    void Queued(ChunkStamp chunk);

    /// <summary>The writer starts sending the chunk (its first byte, or its FIN) at <paramref name="timestamp"/>.</summary>
    void Sending(ChunkStamp chunk, long timestamp);
}
