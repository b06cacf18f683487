namespace FtpMount.Ftp.Transfers;

public enum FtpTransferDirection
{
    Download,
    Upload,
}

/// <summary>One transfer in flight, for status reports: what, which way, and how far.</summary>
public sealed class FtpTransfer(string path, FtpTransferDirection direction, long startOffset)
{
    private long _bytes;

    public string Path { get; } = path;

    public FtpTransferDirection Direction { get; } = direction;

    /// <summary>Where in the file the transfer started (REST offset).</summary>
    public long StartOffset { get; } = startOffset;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public long Bytes => Interlocked.Read(ref _bytes);

    internal void Add(int count) => Interlocked.Add(ref _bytes, count);
}
