using FtpMount.Ftp.Transfers;

namespace FtpMount.Core;

/// <summary>One FTP transfer in flight, as the mount's user knows the file.</summary>
/// <param name="Id">Stable while the transfer runs, so a watcher can follow it from report to report.</param>
/// <param name="Path">The mount path (an upload's temporary server name is shown as the file it saves).</param>
/// <param name="StartOffset">Where in the file the transfer started (REST offset).</param>
/// <param name="Bytes">Bytes moved so far by this transfer.</param>
/// <param name="Total">The whole file's size when known: the server's size for a download, the local copy's for an
/// upload of a closed file; null for an upload streamed while the file is still being written.</param>
public sealed record TransferStatus(
    long Id, string Path, FtpTransferDirection Direction, long StartOffset, long Bytes, long? Total, DateTimeOffset StartedAt)
{
    /// <summary>How far into the file the transfer has come.</summary>
    public long Position => StartOffset + Bytes;
}
