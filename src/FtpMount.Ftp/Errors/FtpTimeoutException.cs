namespace FtpMount.Ftp.Errors;

/// <summary>A deadline passed while waiting on the network. The connection is abandoned: its state is unknown.</summary>
public sealed class FtpTimeoutException(string message) : FtpException(message)
{
    public override bool BreaksConnection => true;
}
