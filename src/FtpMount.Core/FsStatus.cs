using FtpMount.Ftp.Transfers;

namespace FtpMount.Core;

/// <summary>A snapshot of a running filesystem for <c>ftpmount status</c>.</summary>
public sealed record FsStatus(
    int ConnectionsOpen,
    int ConnectionsIdle,
    int ConnectionLimit,
    int ConnectionMaximum,
    long CacheHits,
    long CacheMisses,
    int UploadsPending,
    int FilesUnsaved,
    bool WriteBack,
    int UploadsQueued,
    int UploadsFailing,
    IReadOnlyList<FtpTransfer> Transfers)
{
    public double CacheHitRatio => CacheHits + CacheMisses == 0 ? 0 : (double)CacheHits / (CacheHits + CacheMisses);
}
