using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>
/// A 421 reply: the server is closing the control connection (idle timeout, shutdown, too many connections).
/// The operation may be retried on a new connection.
/// </summary>
public sealed class FtpServiceUnavailableException(string message, FtpReply reply) : FtpTransientException(message, reply)
{
    public override bool BreaksConnection => true;
}
