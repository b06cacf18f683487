using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>Base of every failure the FTP layer reports. <see cref="Reply"/> is set when a server reply caused it.</summary>
public class FtpException : Exception
{
    public FtpException(string message, FtpReply? reply = null, Exception? innerException = null)
        : base(message, innerException) => Reply = reply;

    public FtpReply? Reply { get; }

    /// <summary>True when the control connection can no longer be trusted and must not return to a pool.</summary>
    public virtual bool BreaksConnection => false;
}
