namespace FtpMount.Cli.Credentials;

/// <summary>Asks a person for a password without echoing it.</summary>
internal interface IPasswordPrompt
{
    /// <summary>Shows <paramref name="prompt"/> and reads one line; null when the person gave up (end of input).</summary>
    string? ReadPassword(string prompt);
}
