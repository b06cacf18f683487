namespace FtpMount.Core.Handles;

/// <summary>Takes a copy of every byte a <see cref="RemoteReader"/> downloads, at its offset in the file (the read cache).</summary>
internal interface IDownloadSink
{
    /// <summary>Called on the reader's path with bytes that are valid only during the call; must not throw.</summary>
    void Downloaded(long offset, ReadOnlySpan<byte> bytes);
}
