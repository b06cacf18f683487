namespace FtpMount.Fuse;

/// <summary>What <c>statfs(2)</c> / <c>df</c> shows. FTP cannot tell free space, so "large and empty" is a fair answer.</summary>
public readonly struct FuseFileSystemStats
{
    public FuseFileSystemStats()
    {
    }

    public ulong BlockSize { get; init; } = 4096;

    public ulong TotalBlocks { get; init; }

    public ulong FreeBlocks { get; init; }

    public ulong AvailableBlocks { get; init; }

    public ulong TotalFiles { get; init; }

    public ulong FreeFiles { get; init; }

    public ulong MaxNameLength { get; init; } = 255;
}
