using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>A 5xx reply: the request failed and repeating it unchanged will fail again.</summary>
public class FtpPermanentException(string message, FtpReply reply) : FtpException(message, reply);
