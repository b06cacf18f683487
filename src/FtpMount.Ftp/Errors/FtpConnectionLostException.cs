namespace FtpMount.Ftp.Errors;

/// <summary>The control or data connection was closed or reset, or could not be opened.</summary>
public sealed class FtpConnectionLostException(string message, Exception? innerException = null)
    : FtpException(message, null, innerException)
{
    public override bool BreaksConnection => true;
}
