namespace FtpMount.Testing.Hostile;

/// <summary>
/// How a <see cref="HostileFtpServer"/> starts. Everything a test changes while the server runs (features, hooks,
/// reply pacing) lives on the server itself; these are the fixed facts of one instance.
/// </summary>
public sealed record HostileFtpServerOptions
{
    /// <summary>What FEAT lists when the server starts: MLST with facts, SIZE, MDTM, MFMT, UTF8, REST STREAM, EPSV, PASV, TVFS.</summary>
    public static IReadOnlyList<string> DefaultFeatures { get; } =
    [
        "MLST type*;size*;modify*;UNIX.mode*;",
        "SIZE",
        "MDTM",
        "MFMT",
        "UTF8",
        "REST STREAM",
        "EPSV",
        "PASV",
        "TVFS",
    ];

    /// <summary>FEAT without MLST, MFMT and UTF8: what vsftpd offers, so clients list with LIST.</summary>
    public static IReadOnlyList<string> ListOnlyFeatures { get; } = ["SIZE", "MDTM", "REST STREAM", "EPSV", "PASV", "TVFS"];

    public static HostileFtpServerOptions Default { get; } = new();

    public string UserName { get; init; } = "hostile";

    /// <summary>A fixed test-only credential for a server bound to 127.0.0.1; never a secret.</summary>
    public string Password { get; init; } = "hostile-test-only";

    /// <summary>The folder served as "/"; null: a fresh temporary folder, deleted on dispose. A given folder is kept.</summary>
    public string? RootDirectory { get; init; }

    public IReadOnlyList<string> Features { get; init; } = DefaultFeatures;

    /// <summary>How long a session may wait for the client's next command before it says 421 and closes.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The deadline on every other wait: a data connection to arrive, a reply or data chunk to be sent or received.</summary>
    public TimeSpan IoTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Control connections served at once; one more is greeted with 421 and closed (vsftpd's max_per_ip).</summary>
    public int MaxSessions { get; init; } = 64;

    /// <summary>Commands the log keeps; older ones are dropped (and counted) past this.</summary>
    public int MaxLoggedCommands { get; init; } = 100_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and value that cannot work.</summary>
    public HostileFtpServerOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(UserName) || UserName.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"UserName '{UserName}' must be one word.", nameof(UserName));
        }

        if (string.IsNullOrEmpty(Password) || Password.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw new ArgumentException("Password must be non-empty and free of CR, LF and NUL.", nameof(Password));
        }

        if (RootDirectory is not null && !Directory.Exists(RootDirectory))
        {
            throw new ArgumentException($"RootDirectory '{RootDirectory}' does not exist.", nameof(RootDirectory));
        }

        if (IdleTimeout <= TimeSpan.Zero || IoTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"IdleTimeout ({IdleTimeout}) and IoTimeout ({IoTimeout}) must be positive.");
        }

        if (MaxSessions < 1 || MaxLoggedCommands < 1)
        {
            throw new ArgumentException($"MaxSessions ({MaxSessions}) and MaxLoggedCommands ({MaxLoggedCommands}) must be at least 1.");
        }

        foreach (var feature in Features)
        {
            HostileFtpServer.ValidateFeature(feature);
        }

        return this;
    }
}
