using FtpMount.Ftp;

namespace FtpMount.Cli.Credentials;

/// <summary>The credentials to log in with, and where they came from (for logs: names a source, never the secret).</summary>
internal sealed record ResolvedCredentials(FtpCredentials Credentials, string Source);
