namespace FtpMount.Core;

/// <summary>statfs figures. FTP cannot report free space, so the values are synthetic but sane and constant.</summary>
public sealed record FsStats(long BlockSize, long TotalBlocks, long FreeBlocks, long TotalFiles, long FreeFiles, int MaxNameLength)
{
    // 1 PiB in 4 KiB blocks, like rclone: large enough that no tool refuses to copy, honest that we do not know.
    public static FsStats Synthetic { get; } = new(4096, 1L << 38, 1L << 38, 1_000_000_000, 1_000_000_000, 255);
}
