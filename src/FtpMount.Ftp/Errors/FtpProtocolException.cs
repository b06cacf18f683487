using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>The server broke the protocol: a malformed or unexpected reply, an oversized reply, a bad passive address.</summary>
public sealed class FtpProtocolException(string message, FtpReply? reply = null, Exception? innerException = null)
    : FtpException(message, reply, innerException)
{
    public override bool BreaksConnection => true;
}
