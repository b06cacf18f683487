namespace FtpMount.Core.Storage;

/// <summary>
/// The bytes of one file from an offset. Read to the end and the end is checked (the final reply, and
/// <see cref="ExpectedLength"/> when set); dispose earlier and the transfer is aborted.
/// </summary>
public interface IRemoteDownload : IAsyncDisposable
{
    /// <summary>
    /// The bytes this transfer must deliver (the file's size less the offset), when known. Fewer at the end, or more at
    /// any point, is an <c>FtpTransferLengthException</c>: a transfer may end early and still be called complete.
    /// </summary>
    long? ExpectedLength { get; set; }

    /// <summary>Up to <paramref name="buffer"/>'s length; 0 at the checked end.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
