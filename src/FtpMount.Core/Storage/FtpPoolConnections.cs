using FtpMount.Ftp.Pool;

namespace FtpMount.Core.Storage;

/// <summary>The FTP connection pool's counts and its "someone waits" signal, without the pool itself.</summary>
internal sealed class FtpPoolConnections(FtpConnectionPool pool) : IRemoteConnections
{
    public int Limit => pool.Limit;

    public int MaxConnections => pool.Options.MaxConnections;

    public int OpenCount => pool.OpenCount;

    public int IdleCount => pool.IdleCount;

    public int WaitingCount => pool.WaitingCount;

    public event Action? ConnectionWanted
    {
        add => pool.ConnectionWanted += value;
        remove => pool.ConnectionWanted -= value;
    }

    public TimeSpan QuietFor(long since) => pool.Activity.QuietFor(since);
}
