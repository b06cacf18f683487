using FtpMount.Core.Paths;
using FtpMount.Core.Storage;

namespace FtpMount.Core.Nodes;

/// <summary>An upload in progress to <see cref="TemporaryPath"/>, fed by writes while they arrive in order.</summary>
internal sealed class StreamingUpload(string temporaryPath, RemotePath folder, IRemoteUpload stream)
{
    public string TemporaryPath { get; } = temporaryPath;

    /// <summary>The folder <see cref="TemporaryPath"/> lies in (the file's when the upload started).</summary>
    public RemotePath Folder { get; } = folder;

    public IRemoteUpload Stream { get; } = stream;

    public long NextOffset { get; set; }

    /// <summary>Told once when the upload is finished or abandoned, to free its stream slot.</summary>
    public Action? Ended { get; set; }

    /// <summary>What the server may hold after this upload broke with <paramref name="offered"/> bytes handed to it.</summary>
    public KeptUpload Kept(long offered) => new(TemporaryPath, Folder, offered);

    public async ValueTask CloseAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        var ended = Ended;
        Ended = null;
        ended?.Invoke();
    }
}
