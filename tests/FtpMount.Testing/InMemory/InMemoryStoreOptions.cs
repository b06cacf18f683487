using FtpMount.Core.Storage;

namespace FtpMount.Testing.InMemory;

/// <summary>
/// What an <see cref="InMemoryRemoteStore"/> supports and how it behaves where real servers differ. The defaults
/// are a Unix server with MLST, MFMT, SIZE and MDTM that renames over an existing file (vsftpd, pure-ftpd, proftpd,
/// pyftpdlib all do); flip a switch to get the server a test needs (IIS refuses to rename over a file; vsftpd and
/// pyftpdlib refuse folder times; a server without SIZE cannot have its uploads checked).
/// </summary>
public sealed record InMemoryStoreOptions
{
    /// <summary>Where the store's clock comes from: new files' times and <see cref="IRemoteConnections.QuietFor"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The login directory (PWD).</summary>
    public string Home { get; init; } = "/";

    /// <summary>SYST: a UNIX server reads a backslash as an ordinary character.</summary>
    public string? SystemName { get; init; } = "UNIX Type: L8";

    public bool Mlst { get; init; } = true;

    public bool Mfmt { get; init; } = true;

    public bool Size { get; init; } = true;

    public bool Mdtm { get; init; } = true;

    /// <summary>SITE CHMOD is understood (else 500, as IIS answers).</summary>
    public bool Chmod { get; init; } = true;

    /// <summary>A rename onto an existing file replaces it (else 550 at RNTO, as IIS does).</summary>
    public bool RenameReplacesFiles { get; init; } = true;

    /// <summary>MFMT on a folder is kept (proftpd, pure-ftpd); else 550 (vsftpd, pyftpdlib).</summary>
    public bool FolderTimes { get; init; } = true;

    /// <summary>The connections the store pretends to have, for stream budgets and prefetching.</summary>
    public int MaxConnections { get; init; } = 4;

    public RemoteStoreTimeouts Timeouts { get; init; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(15));
}
