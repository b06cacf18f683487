namespace FtpMount.Ftp.Errors;

/// <summary>
/// A transfer ended without error codes but its result is wrong, e.g. the size after STOR differs from what was sent.
/// In stream mode a dropped data connection looks like end of file (RFC 959 §3.4.1), so only SIZE can tell.
/// </summary>
public class FtpIntegrityException(string message) : FtpException(message);
