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
    IReadOnlyList<TransferStatus> Transfers)
{
    /// <summary>Paths the server refused for good while this mount runs (with its answer); kept journaled for the next mount.</summary>
    public IReadOnlyDictionary<string, string> Refused { get; init; } = new Dictionary<string, string>();

    /// <summary>Conflict copies this mount made: pending content whose server file had changed, uploaded beside it.</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];

    /// <summary>The files in the upload queue, one by one (<see cref="UploadsQueued"/> of them).</summary>
    public IReadOnlyList<UploadStatus> Uploads { get; init; } = [];

    public double CacheHitRatio => CacheHits + CacheMisses == 0 ? 0 : (double)CacheHits / (CacheHits + CacheMisses);
}
