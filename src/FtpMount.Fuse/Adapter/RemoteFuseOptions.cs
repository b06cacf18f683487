namespace FtpMount.Fuse.Adapter;

/// <summary>How remote entries are presented locally.</summary>
public sealed record RemoteFuseOptions
{
    /// <summary>Bits cleared from every mode shown (like the umask= mount option).</summary>
    public UnixFileMode Umask { get; init; } = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Mode shown for files whose server gave none (LIST without permissions, MLSD without UNIX.mode).</summary>
    public UnixFileMode DefaultFileMode { get; init; } = (UnixFileMode)Convert.ToInt32("644", 8);

    public UnixFileMode DefaultDirectoryMode { get; init; } = (UnixFileMode)Convert.ToInt32("755", 8);

    /// <summary>
    /// Upper bound for one request without progress, so no FUSE request can hang (a hung request wedges its
    /// callers). Counted from the request's start or the mount's last network progress, whichever is later.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Upper bound for close/fsync, which may upload a whole file.</summary>
    public TimeSpan SaveTimeout { get; init; } = TimeSpan.FromMinutes(30);
}
