namespace FtpMount.Fuse;

/// <summary>
/// What <c>stat(2)</c> shows for a node. Owner and group are not here: the host reports the mounting user
/// for every node (fuse_config <c>set_uid</c>/<c>set_gid</c>), which is what an FTP mount can honestly say.
/// </summary>
public readonly struct FuseAttributes
{
    public FuseNodeKind Kind { get; init; }

    /// <summary>Permission bits only (0o7777); the file type comes from <see cref="Kind"/>.</summary>
    public UnixFileMode Permissions { get; init; }

    /// <summary>Size in bytes (for a symbolic link, the length of its target).</summary>
    public long Size { get; init; }

    /// <summary>Hard link count; 0 means "the usual": 2 for a directory, 1 otherwise.</summary>
    public uint LinkCount { get; init; }

    public DateTimeOffset AccessTime { get; init; }

    public DateTimeOffset ModificationTime { get; init; }

    public DateTimeOffset ChangeTime { get; init; }
}
