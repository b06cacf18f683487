namespace FtpMount.Ftp.Transfers;

public enum FtpTransferDirection
{
    Download,
    Upload,
}

/// <summary>One transfer in flight, for status reports: what, which way, and how far.</summary>
public sealed class FtpTransfer(string path, FtpTransferDirection direction, long startOffset)
{
    private static long _lastId;
    private long _bytes;

    /// <summary>Unique within the process, so a status reader can follow one transfer from report to report.</summary>
    public long Id { get; } = Interlocked.Increment(ref _lastId);

    public string Path { get; } = path;

    public FtpTransferDirection Direction { get; } = direction;

    /// <summary>Where in the file the transfer started (REST offset).</summary>
    public long StartOffset { get; } = startOffset;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public long Bytes => Interlocked.Read(ref _bytes);

    internal void Add(int count) => Interlocked.Add(ref _bytes, count);
}
