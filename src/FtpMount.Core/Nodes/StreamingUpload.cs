using FtpMount.Ftp.Transfers;

namespace FtpMount.Core.Nodes;

/// <summary>An upload in progress to <see cref="TemporaryPath"/>, fed by writes while they arrive in order.</summary>
internal sealed class StreamingUpload(string temporaryPath, FtpUploadStream stream)
{
    public string TemporaryPath { get; } = temporaryPath;

    public FtpUploadStream Stream { get; } = stream;

    public long NextOffset { get; set; }
}
