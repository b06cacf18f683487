namespace FtpMount.Cli.Status;

/// <summary>One FTP transfer in flight.</summary>
/// <param name="Id">Stable while the transfer runs.</param>
/// <param name="Path">Mount path of the file (an upload's temporary server name is shown as the file it saves).</param>
/// <param name="Direction"><c>download</c> or <c>upload</c>.</param>
/// <param name="StartOffset">Where in the file it started (REST).</param>
/// <param name="Bytes">Bytes this transfer moved so far.</param>
/// <param name="Position">StartOffset + Bytes: how far into the file it is.</param>
/// <param name="Total">The file's size when known.</param>
/// <param name="BytesPerSecond">Over the last few seconds (since the start for a young transfer); null before any time passed.</param>
/// <param name="EtaSeconds">At that rate, until the end of the file; null when the size or the rate is unknown.</param>
internal sealed record StatusTransfer(
    long Id,
    string Path,
    string Direction,
    long StartOffset,
    long Bytes,
    long Position,
    long? Total,
    double? BytesPerSecond,
    double? EtaSeconds,
    DateTimeOffset StartedAt);
