using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>TLS was asked for and could not be established safely: refused AUTH, handshake or certificate failure.</summary>
public sealed class FtpTlsException(string message, FtpReply? reply = null, Exception? innerException = null)
    : FtpException(message, reply, innerException)
{
    public override bool BreaksConnection => true;
}
