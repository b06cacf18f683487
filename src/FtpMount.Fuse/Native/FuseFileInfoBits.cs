namespace FtpMount.Fuse.Native;

/// <summary>
/// Which bit of the <c>unsigned int</c> at offset 4 of <c>struct fuse_file_info</c> each one-bit field occupies
/// (GCC allocates bitfields from the least significant bit on little-endian targets). The order moved twice:
/// 3.14.1 inserted <c>parallel_direct_writes</c> after <c>keep_cache</c>, shifting flush, nonseekable,
/// flock_release, cache_readdir and noflush up by one (libfuse#1029); 3.17 moved it behind <c>noflush</c>,
/// restoring the 3.10 positions. A mask of 0 marks a field the release does not have.
/// </summary>
internal sealed record FuseFileInfoBits(
    string Name,
    uint WritePage,
    uint DirectIo,
    uint KeepCache,
    uint ParallelDirectWrites,
    uint Flush,
    uint NonSeekable,
    uint FlockRelease,
    uint CacheReaddir,
    uint NoFlush)
{
    /// <summary>3.10 to 3.14.0 (noflush from 3.11; in 3.10 that bit is padding and never read).</summary>
    internal static readonly FuseFileInfoBits Original = new(
        "3.10-3.14.0", 1u << 0, 1u << 1, 1u << 2, 0, 1u << 3, 1u << 4, 1u << 5, 1u << 6, 1u << 7);

    /// <summary>3.14.1 to 3.16.x: parallel_direct_writes at bit 3.</summary>
    internal static readonly FuseFileInfoBits ParallelDirectWritesInserted = new(
        "3.14.1-3.16", 1u << 0, 1u << 1, 1u << 2, 1u << 3, 1u << 4, 1u << 5, 1u << 6, 1u << 7, 1u << 8);

    /// <summary>3.17 and later: the 3.10 positions, parallel_direct_writes after noflush.</summary>
    internal static readonly FuseFileInfoBits Restored = new(
        "3.17+", 1u << 0, 1u << 1, 1u << 2, 1u << 8, 1u << 3, 1u << 4, 1u << 5, 1u << 6, 1u << 7);

    internal static FuseFileInfoBits For(Version release) =>
        release >= new Version(3, 17) ? Restored
        : release >= new Version(3, 14, 1) ? ParallelDirectWritesInserted
        : Original;
}
