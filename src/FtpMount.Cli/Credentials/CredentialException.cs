namespace FtpMount.Cli.Credentials;

/// <summary>No usable password, or an unsafe place to read one from. Never carries the password itself.</summary>
internal sealed class CredentialException(string message) : Exception(message);
