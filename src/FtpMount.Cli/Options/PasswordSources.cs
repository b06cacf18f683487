namespace FtpMount.Cli.Options;

/// <summary>Where the password may come from, as the options name them. The password itself is never an option.</summary>
internal sealed record PasswordSources
{
    public const string DefaultEnvironmentVariable = "FTPMOUNT_PASSWORD";

    /// <summary><c>password_file=</c>: absolute path of a file whose first line is the password (mode 0600 or stricter).</summary>
    public string? PasswordFile { get; init; }

    /// <summary><c>password_env=</c>: the variable holding the password; null means <see cref="DefaultEnvironmentVariable"/>.</summary>
    public string? EnvironmentVariable { get; init; }

    /// <summary><c>netrc=</c>: absolute path of a netrc file; null means <c>~/.netrc</c> if it exists.</summary>
    public string? NetrcFile { get; init; }

    public string EffectiveEnvironmentVariable => EnvironmentVariable ?? DefaultEnvironmentVariable;
}
