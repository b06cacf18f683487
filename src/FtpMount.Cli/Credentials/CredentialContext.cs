namespace FtpMount.Cli.Credentials;

/// <summary>What the credential resolver may look at in the process around it; tests pass their own.</summary>
internal sealed record CredentialContext
{
    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    /// <summary>Home directory for the default <c>~/.netrc</c>; null when unknown.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>A way to ask for the password, or null when nobody is at a terminal.</summary>
    public IPasswordPrompt? Prompt { get; init; }

    /// <summary>The Windows Credential Manager on Windows; null elsewhere.</summary>
    public ICredentialStore? CredentialStore { get; init; }

    public static CredentialContext FromProcess() => new()
    {
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        HomeDirectory = HomeOf(Environment.GetEnvironmentVariable("HOME")),
        Prompt = TerminalPasswordPrompt.IfInteractive(),
        CredentialStore = OperatingSystem.IsWindows() ? new WindowsCredentialStore() : null,
    };

    private static string? HomeOf(string? home)
    {
        if (!string.IsNullOrEmpty(home))
        {
            return home;
        }

        var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return profile.Length > 0 ? profile : null;
    }
}
