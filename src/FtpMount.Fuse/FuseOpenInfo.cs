namespace FtpMount.Fuse;

/// <summary>
/// One open file as libfuse describes it (<c>struct fuse_file_info</c>): the <c>open(2)</c> flags in, and the
/// handle and caching choices that <see cref="IFuseFileSystem.Open"/> / <see cref="IFuseFileSystem.Create"/> hand back.
/// </summary>
public struct FuseOpenInfo
{
    internal const int AccessModeMask = 3;      // O_ACCMODE
    internal const int WriteOnlyFlag = 1;       // O_WRONLY
    internal const int ReadWriteFlag = 2;       // O_RDWR
    internal const int TruncateFlag = 0x200;    // O_TRUNC (01000), same on x86-64 and arm64
    internal const int AppendFlag = 0x400;      // O_APPEND (02000), same on x86-64 and arm64
    internal const int ExclusiveFlag = 0x80;    // O_EXCL (0200), same on x86-64 and arm64

    public FuseOpenInfo(int flags) => Flags = flags;

    /// <summary>The raw <c>open(2)</c> flags.</summary>
    public int Flags { get; }

    public readonly FileAccess Access => (Flags & AccessModeMask) switch
    {
        WriteOnlyFlag => FileAccess.Write,
        ReadWriteFlag => FileAccess.ReadWrite,
        _ => FileAccess.Read,
    };

    public readonly bool Truncate => (Flags & TruncateFlag) != 0;

    public readonly bool Append => (Flags & AppendFlag) != 0;

    public readonly bool Exclusive => (Flags & ExclusiveFlag) != 0;

    /// <summary>The file system's own handle for this open file; passed back on every later call.</summary>
    public ulong Handle { get; set; }

    /// <summary>Bypass the page cache for this open file (reads and writes go straight to the file system).</summary>
    public bool DirectIo { get; set; }

    /// <summary>Keep cached data from an earlier open: the file is known not to have changed.</summary>
    public bool KeepCache { get; set; }

    public bool NonSeekable { get; set; }

    /// <summary>
    /// For <see cref="IFuseFileSystem.Open"/>: a backing id from <see cref="FusePassthrough.OpenBacking"/>, so the
    /// kernel serves this open's reads from that file (with <see cref="DirectIo"/>, reads and writes still come to the
    /// file system and only mmap uses the backing file). 0: none. Never together with <see cref="KeepCache"/>.
    /// </summary>
    public int BackingId { get; set; }

    /// <summary>
    /// For <see cref="IFuseFileSystem.OpenDir"/>: let the kernel keep what this open reads of the folder's listing
    /// (cache_readdir), so a later open with <see cref="KeepCache"/> lists it without asking.
    /// </summary>
    public bool CacheListing { get; set; }
}
