using FtpMount.Ftp.Transfers;

namespace FtpMount.Core.Storage;

/// <summary>A STOR fed by writes: completing it checks the stored size with SIZE where the server has it.</summary>
internal sealed class FtpRemoteUpload(FtpUploadStream stream) : IRemoteUpload
{
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => stream.WriteAsync(data, cancellationToken);

    public Task CompleteAsync(long expectedSize, CancellationToken cancellationToken) => stream.CompleteAsync(expectedSize, cancellationToken);

    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
