namespace FtpMount.Cli.Credentials;

/// <summary>A store of passwords by target name (the Windows Credential Manager); tests pass a dictionary.</summary>
internal interface ICredentialStore
{
    /// <summary>Human name of the store for logs and errors.</summary>
    string Name { get; }

    /// <summary>The entry stored under <paramref name="target"/>, or null when there is none.</summary>
    StoredCredential? Read(string target);

    /// <summary>Creates or replaces the entry under <paramref name="target"/>.</summary>
    void Write(string target, StoredCredential credential);
}
