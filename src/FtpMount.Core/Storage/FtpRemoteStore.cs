using FtpMount.Ftp;
using FtpMount.Ftp.Listing;
using FtpMount.Ftp.Placing;
using FtpMount.Ftp.Transfers;

namespace FtpMount.Core.Storage;

/// <summary>The store over a real server: each operation is the <see cref="FtpClient"/>'s, on its pooled sessions.</summary>
public sealed class FtpRemoteStore : IRemoteStore
{
    private readonly FtpClient _client;

    /// <summary>Takes ownership of <paramref name="client"/>: disposing the store disposes it.</summary>
    public FtpRemoteStore(FtpClient client)
    {
        _client = client;
        var options = client.Pool.Options;
        Source = $"{options.Credentials.UserName}@{options.Host}:{options.Port}";
        Timeouts = new RemoteStoreTimeouts(options.OperationTimeout, options.ListingTimeout, options.ConnectTimeout);
        NameEncoding = options.NameEncoding;
        Connections = new FtpPoolConnections(client.Pool);
    }

    public string Source { get; }

    public RemoteStoreTimeouts Timeouts { get; }

    public FtpNameEncoding NameEncoding { get; }

    public IRemoteConnections Connections { get; }

    public IReadOnlyList<FtpTransfer> ActiveTransfers => _client.Transfers.Active;

    public Task<string> GetWorkingDirectoryAsync(CancellationToken cancellationToken) => _client.GetWorkingDirectoryAsync(cancellationToken);

    public Task<FtpFeatures> GetFeaturesAsync(CancellationToken cancellationToken) => _client.GetFeaturesAsync(cancellationToken);

    public Task<string?> GetSystemAsync(CancellationToken cancellationToken) => _client.GetSystemAsync(cancellationToken);

    public Task<int> ProbeChangeDirectoryAsync(string path, CancellationToken cancellationToken) =>
        _client.ProbeChangeDirectoryAsync(path, cancellationToken);

    public Task<FtpListing> ListAsync(string path, CancellationToken cancellationToken) => _client.ListAsync(path, cancellationToken);

    public Task<FtpListing> ListLongAsync(string path, CancellationToken cancellationToken) => _client.ListLongAsync(path, cancellationToken);

    public Task<FtpListEntry?> GetEntryAsync(string path, CancellationToken cancellationToken) => _client.GetEntryAsync(path, cancellationToken);

    public Task<long> GetSizeAsync(string path, CancellationToken cancellationToken) => _client.GetSizeAsync(path, cancellationToken);

    public Task<DateTimeOffset> GetModifiedTimeAsync(string path, CancellationToken cancellationToken) =>
        _client.GetModifiedTimeAsync(path, cancellationToken);

    public Task<DateTimeOffset?[]> GetModifiedTimesAsync(IReadOnlyList<string> paths, TimeSpan budget, CancellationToken cancellationToken) =>
        _client.GetModifiedTimesAsync(paths, budget, cancellationToken);

    public Task SetModifiedTimeAsync(string path, DateTimeOffset time, CancellationToken cancellationToken) =>
        _client.SetModifiedTimeAsync(path, time, cancellationToken);

    public Task ChangeModeAsync(string path, int mode, CancellationToken cancellationToken) => _client.ChangeModeAsync(path, mode, cancellationToken);

    public Task DeleteFileAsync(string path, CancellationToken cancellationToken) => _client.DeleteFileAsync(path, cancellationToken);

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) => _client.CreateDirectoryAsync(path, cancellationToken);

    public Task RemoveDirectoryAsync(string path, CancellationToken cancellationToken) => _client.RemoveDirectoryAsync(path, cancellationToken);

    public Task RenameAsync(string fromPath, string toPath, CancellationToken cancellationToken) => _client.RenameAsync(fromPath, toPath, cancellationToken);

    public Task<FtpPlaceOutcome> PlaceUploadAsync(string temporary, string target, int? mode, DateTimeOffset? modified, CancellationToken cancellationToken) =>
        _client.PlaceUploadAsync(temporary, target, mode, modified, cancellationToken);

    public async Task<IRemoteDownload> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) =>
        new FtpRemoteDownload(await _client.OpenReadAsync(path, offset, cancellationToken).ConfigureAwait(false));

    public async Task<IRemoteUpload> OpenWriteAsync(string path, CancellationToken cancellationToken) =>
        new FtpRemoteUpload(await _client.OpenWriteAsync(path, FtpWriteMode.Create, 0, cancellationToken).ConfigureAwait(false));

    public Task<long> UploadAsync(string path, Stream source, long kept, CancellationToken cancellationToken) =>
        _client.UploadAsync(path, source, kept, cancellationToken);

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
