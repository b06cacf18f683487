using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>A 4xx reply: the server says the same request may succeed later (RFC 959 §4.2).</summary>
public class FtpTransientException(string message, FtpReply reply) : FtpException(message, reply);
