namespace FtpMount.Testing.InMemory;

/// <summary>The pretend connection of one open transfer: given back once, however the transfer ends.</summary>
internal sealed class TransferSlot
{
    private readonly InMemoryConnections _connections;
    private int _closed;

    public TransferSlot(InMemoryConnections connections)
    {
        _connections = connections;
        connections.TransferOpened();
    }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _connections.TransferClosed();
        }
    }
}
