namespace FtpMount.Ftp.Errors;

/// <summary>
/// Bytes were already waiting on the control connection before a command was sent: a reply nobody asked for (an
/// extra 250 after a listing's 226, a late answer to an aborted transfer, a 421 before closing). Taking the next
/// reply as the command's answer could report success for a command the server refused, so the command was not
/// sent and the connection is closed. Because nothing reached the server, any operation may be retried on a fresh
/// connection, idempotent or not.
/// </summary>
public sealed class FtpOutOfStepException(string message) : FtpException(message)
{
    public override bool BreaksConnection => true;
}
