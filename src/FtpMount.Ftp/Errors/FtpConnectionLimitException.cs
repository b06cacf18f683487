using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>
/// The server refused a new connection because of a connection limit: 421 at connect (vsftpd, pure-ftpd,
/// pyftpdlib) or 530 at PASS with a "maximum number of clients" text (proftpd MaxClientsPerHost).
/// A pool reacts by shrinking and queueing callers, never by reporting wrong credentials.
/// </summary>
public sealed class FtpConnectionLimitException(string message, FtpReply reply) : FtpException(message, reply)
{
    public override bool BreaksConnection => true;
}
