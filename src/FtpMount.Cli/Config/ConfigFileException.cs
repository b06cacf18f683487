namespace FtpMount.Cli.Config;

/// <summary>
/// A mount config file is missing, malformed or unsafe. The message starts with <c>FILE:LINE:</c> (or <c>FILE:</c>
/// for what concerns the whole file), names the key, and never contains a password.
/// </summary>
internal sealed class ConfigFileException(string message, bool isCredentialProblem = false) : Exception(message)
{
    /// <summary>The file named by <c>password_file =</c> is missing or readable by others: exit code 4, as on the command line.</summary>
    public bool IsCredentialProblem { get; } = isCredentialProblem;
}
