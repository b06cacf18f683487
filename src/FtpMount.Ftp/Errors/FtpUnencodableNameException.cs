namespace FtpMount.Ftp.Errors;

/// <summary>
/// A name the server's encoding (-o encoding) has no bytes for. Refused before anything is sent: a replacement
/// character would address a different file, or none.
/// </summary>
public sealed class FtpUnencodableNameException(string message) : FtpException(message);
