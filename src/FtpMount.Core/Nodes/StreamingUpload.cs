using FtpMount.Core.Storage;

namespace FtpMount.Core.Nodes;

/// <summary>An upload in progress to <see cref="TemporaryPath"/>, fed by writes while they arrive in order.</summary>
internal sealed class StreamingUpload(string temporaryPath, IRemoteUpload stream)
{
    public string TemporaryPath { get; } = temporaryPath;

    public IRemoteUpload Stream { get; } = stream;

    public long NextOffset { get; set; }

    /// <summary>Told once when the upload is finished or abandoned, to free its stream slot.</summary>
    public Action? Ended { get; set; }

    public async ValueTask CloseAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        var ended = Ended;
        Ended = null;
        ended?.Invoke();
    }
}
