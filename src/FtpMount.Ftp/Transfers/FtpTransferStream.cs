namespace FtpMount.Ftp.Transfers;

/// <summary>
/// What a download and an upload stream share: no seeking, a progress record for status reports, and a single
/// "closed" notification that gives the pooled connection back once the control connection has settled.
/// </summary>
public abstract class FtpTransferStream : Stream
{
    /// <summary>Called once when the stream is closed, after the control connection has settled.</summary>
    internal Action? Closed { get; set; }

    /// <summary>Progress seen by status reports, when someone watches.</summary>
    internal FtpTransfer? Progress { get; set; }

    public override bool CanSeek => false;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private protected void NotifyClosed()
    {
        var closed = Closed;
        Closed = null;
        closed?.Invoke();
    }
}
