namespace FtpMount.Ftp.Transfers;

/// <summary>
/// What a download and an upload stream share: no seeking, a progress record for status reports, and a single
/// "closed" notification that gives the pooled connection back once the control connection has settled.
/// </summary>
public abstract class FtpTransferStream : Stream
{
    private protected FtpTransferStream(FtpSession session, Stream data)
    {
        Session = session;
        Data = data;
    }

    private protected FtpSession Session { get; }

    /// <summary>The data connection (TLS-wrapped when the session is protected).</summary>
    private protected Stream Data { get; }

    /// <summary>True once the transfer was completed, aborted or discarded; nothing more goes on the wire.</summary>
    private protected bool Finished { get; set; }

    /// <summary>Called once when the stream is closed, after the control connection has settled.</summary>
    internal Action? Closed { get; set; }

    /// <summary>Progress seen by status reports, when someone watches.</summary>
    internal FtpTransfer? Progress { get; set; }

    /// <summary>The mount's rate for this direction (-o bwlimit), when one is set.</summary>
    internal BandwidthLimit? Limit { get; set; }

    public override bool CanSeek => false;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// A synchronous Dispose cannot drain the control connection, so the connection's state is unknown:
    /// close it rather than guess.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !Finished)
        {
            Finished = true;
            Data.Dispose();
            Session.Control.MarkBroken();
            Session.TransferClosed();
            NotifyClosed();
        }

        base.Dispose(disposing);
    }

    private protected void NotifyClosed()
    {
        var closed = Closed;
        Closed = null;
        closed?.Invoke();
    }
}
