using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Errors;

/// <summary>
/// RNFR answered 5xx: the server will not rename the source at all (it is missing, or policy forbids it). Nothing
/// was sent for the target, or an RNTO sent in the same flight was refused for want of an accepted RNFR, so a caller
/// replacing a target knows the target played no part in the refusal and is unchanged.
/// </summary>
public sealed class FtpRenameSourceRefusedException(string message, FtpReply reply) : FtpPermanentException(message, reply);
