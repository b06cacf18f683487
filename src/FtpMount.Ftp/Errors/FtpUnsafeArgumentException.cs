namespace FtpMount.Ftp.Errors;

/// <summary>
/// A path or argument that cannot be sent safely (CR, LF or NUL would end or split the command on the wire).
/// Refused before anything is sent; never "sanitised", which could silently address a different file.
/// </summary>
public sealed class FtpUnsafeArgumentException(string message) : FtpException(message);
