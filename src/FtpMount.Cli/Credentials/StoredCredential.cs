namespace FtpMount.Cli.Credentials;

/// <summary>An entry of a credential store: the user it names (may be absent) and its password.</summary>
internal sealed record StoredCredential(string? UserName, string Password);
