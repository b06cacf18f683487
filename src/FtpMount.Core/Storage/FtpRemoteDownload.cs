using FtpMount.Ftp.Transfers;

namespace FtpMount.Core.Storage;

/// <summary>A RETR: the download stream checks the final reply and <see cref="ExpectedLength"/> itself.</summary>
internal sealed class FtpRemoteDownload(FtpDownloadStream stream) : IRemoteDownload
{
    public long? ExpectedLength
    {
        get => stream.ExpectedLength;
        set => stream.ExpectedLength = value;
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => stream.ReadAsync(buffer, cancellationToken);

    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
