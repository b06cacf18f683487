using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>
/// A reply to commands sent in one flight was not a possible answer to the command it belongs to: the server reads
/// pipelined commands out of order or drops some. The connection is closed and the client sends one command at a
/// time from then on.
/// </summary>
public sealed class FtpPipeliningException(string message, FtpReply reply) : FtpException(message, reply)
{
    public override bool BreaksConnection => true;
}
