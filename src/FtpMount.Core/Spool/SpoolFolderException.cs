namespace FtpMount.Core.Spool;

/// <summary>The spool folder cannot be used (missing and not creatable, a file, shared with other users, in use).</summary>
public sealed class SpoolFolderException(string message, Exception? innerException = null) : Exception(message, innerException);
