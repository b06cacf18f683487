using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>The server rejected the user name or password. Never carries the password itself.</summary>
public sealed class FtpAuthenticationException(string message, FtpReply reply) : FtpException(message, reply)
{
    public override bool BreaksConnection => true;
}
