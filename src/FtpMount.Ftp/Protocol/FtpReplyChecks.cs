using FtpMount.Ftp.Errors;

namespace FtpMount.Ftp.Protocol;

/// <summary>Turns a reply that is not the expected kind into the exception for its failure class.</summary>
internal static class FtpReplyChecks
{
    public static FtpReply ExpectSuccess(FtpReply reply, string action) =>
        reply.IsSuccess ? reply : throw Failure(reply, action);

    public static FtpReply ExpectIntermediate(FtpReply reply, string action) =>
        reply.IsIntermediate ? reply : throw Failure(reply, action);

    public static FtpReply ExpectPreliminary(FtpReply reply, string action) =>
        reply.IsPreliminary ? reply : throw Failure(reply, action);

    public static FtpException Failure(FtpReply reply, string action)
    {
        var message = $"{action} failed: {reply.Code} {FtpReplyReader.Printable(reply.Message)}";
        return reply.Code switch
        {
            421 => new FtpServiceUnavailableException(message, reply),
            >= 400 and < 500 => new FtpTransientException(message, reply),
            >= 500 => new FtpPermanentException(message, reply),
            _ => new FtpProtocolException($"{action}: unexpected reply {reply.Code} {FtpReplyReader.Printable(reply.Message)}", reply),
        };
    }
}
