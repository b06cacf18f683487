namespace FtpMount.Ftp.Errors;

/// <summary>A deadline passed while waiting on the network. The connection is abandoned: its state is unknown.</summary>
public sealed class FtpTimeoutException(string message) : FtpException(message)
{
    public override bool BreaksConnection => true;

    /// <summary>
    /// True when the deadline passed while queued for a pooled connection, none of which made progress: nothing
    /// was tried, and trying again would only queue again.
    /// </summary>
    public bool WhileQueued { get; init; }
}
