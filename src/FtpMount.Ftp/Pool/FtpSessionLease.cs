namespace FtpMount.Ftp.Pool;

/// <summary>Exclusive use of one pooled session. Dispose to give it back; <see cref="Discard"/> first if it must not be reused.</summary>
public sealed class FtpSessionLease : IAsyncDisposable, IDisposable
{
    private readonly FtpConnectionPool _pool;
    private FtpSession? _session;
    private bool _discard;

    internal FtpSessionLease(FtpConnectionPool pool, FtpSession session)
    {
        _pool = pool;
        _session = session;
    }

    public FtpSession Session => _session ?? throw new ObjectDisposedException(nameof(FtpSessionLease));

    /// <summary>Closes the session instead of returning it, e.g. after an error whose effect on the connection is unknown.</summary>
    public void Discard() => _discard = true;

    public void Dispose()
    {
        var session = Interlocked.Exchange(ref _session, null);
        if (session is not null)
        {
            _pool.Return(session, _discard);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
