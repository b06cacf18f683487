namespace FtpMount.Testing.InMemory;

/// <summary>What the core asked an <see cref="InMemoryRemoteStore"/> to do, named as the FTP command it stands for.</summary>
public enum StoreVerb
{
    /// <summary>PWD.</summary>
    WorkingDirectory,

    /// <summary>FEAT.</summary>
    Features,

    /// <summary>SYST.</summary>
    System,

    /// <summary>The CWD probe of how the server reads a backslash.</summary>
    ChangeDirectoryProbe,

    /// <summary>MLSD (or LIST where the store has no MLST).</summary>
    List,

    /// <summary>LIST, for symlink targets.</summary>
    ListLong,

    /// <summary>MLST (or the parent's listing where the store has no MLST).</summary>
    Stat,

    /// <summary>SIZE.</summary>
    Size,

    /// <summary>MDTM, reading a time.</summary>
    ModifiedTime,

    /// <summary>MFMT, setting a time.</summary>
    SetModifiedTime,

    /// <summary>SITE CHMOD.</summary>
    ChangeMode,

    /// <summary>DELE: destructive.</summary>
    Delete,

    /// <summary>MKD.</summary>
    MakeDirectory,

    /// <summary>RMD: destructive.</summary>
    RemoveDirectory,

    /// <summary>RNFR + RNTO: destructive when the target exists.</summary>
    Rename,

    /// <summary>RETR, from an offset (REST).</summary>
    Retrieve,

    /// <summary>STOR: destructive when the file exists.</summary>
    Store,
}
