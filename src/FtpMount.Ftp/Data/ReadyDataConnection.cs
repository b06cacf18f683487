namespace FtpMount.Ftp.Data;

/// <summary>
/// A passive data connection made while its control connection was idle, for the next transfer command: that command
/// then goes alone and finds the connection made, one round trip or two sooner than EPSV first. The server holds
/// state for it meanwhile, and some end a data connection left unused with the whole session (pyftpdlib after its
/// data timeout, 300 s by default), or answer its close with an unsolicited reply: an unused one is given up with
/// its session once <see cref="FtpClientOptions.ReadyDataLifetime"/> has passed.
/// </summary>
/// <param name="Connection">The connect, started when the 229 arrived.</param>
/// <param name="MadeAt">When, as a <see cref="TimeProvider.System"/> timestamp.</param>
internal sealed record ReadyDataConnection(PendingDataConnection Connection, long MadeAt)
{
    public bool IsStale(TimeSpan lifetime) => TimeProvider.System.GetElapsedTime(MadeAt) >= lifetime;
}
