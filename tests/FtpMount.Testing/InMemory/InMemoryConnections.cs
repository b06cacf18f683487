using FtpMount.Core.Storage;

namespace FtpMount.Testing.InMemory;

/// <summary>
/// The connections an <see cref="InMemoryRemoteStore"/> pretends to have: one per open transfer, at least one for
/// commands. <see cref="Limit"/> and <see cref="SignalWaiting"/> let a test shrink the budget or make a reader that
/// holds a download between reads give it back.
/// </summary>
public sealed class InMemoryConnections : IRemoteConnections
{
    private readonly TimeProvider _time;
    private int _limit;
    private int _transfers;
    private int _waiting;
    private long _lastActivity;

    internal InMemoryConnections(int maxConnections, TimeProvider time)
    {
        MaxConnections = maxConnections;
        _limit = maxConnections;
        _time = time;
        _lastActivity = time.GetTimestamp();
    }

    public int MaxConnections { get; }

    /// <summary>What the server allows now; set it lower to act as a server that answered 421 to more.</summary>
    public int Limit
    {
        get => Volatile.Read(ref _limit);
        set => Volatile.Write(ref _limit, Math.Clamp(value, 1, MaxConnections));
    }

    public int OpenCount => Math.Max(1, OpenTransfers);

    public int IdleCount => OpenTransfers == 0 ? 1 : 0;

    public int WaitingCount => Volatile.Read(ref _waiting);

    /// <summary>Downloads and uploads open now.</summary>
    public int OpenTransfers => Volatile.Read(ref _transfers);

    public event Action? ConnectionWanted;

    /// <summary>Acts as a caller that starts waiting for a connection: <see cref="ConnectionWanted"/> is raised.</summary>
    public void SignalWaiting()
    {
        Interlocked.Increment(ref _waiting);
        ConnectionWanted?.Invoke();
    }

    /// <summary>The waiting caller got its connection (or gave up).</summary>
    public void StopWaiting() => Interlocked.Decrement(ref _waiting);

    public TimeSpan QuietFor(long since) => _time.GetElapsedTime(Math.Max(Volatile.Read(ref _lastActivity), since));

    internal void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    internal void TransferOpened()
    {
        Interlocked.Increment(ref _transfers);
        Touch();
    }

    internal void TransferClosed()
    {
        Interlocked.Decrement(ref _transfers);
        Touch();
    }
}
