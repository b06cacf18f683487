using FtpMount.Core;
using FtpMount.Core.Paths;
using Xunit;

namespace FtpMount.Testing.InMemory;

/// <summary>
/// A <see cref="RemoteFileSystem"/> over an <see cref="InMemoryRemoteStore"/> with a private spool folder: the whole
/// core, no daemon, no mount. Seed <see cref="Store"/> before <see cref="OpenAsync"/> (or after, and let the cache
/// find out); set faults on <see cref="InMemoryRemoteStore.Faults"/>; assert on the store's files and command log.
/// </summary>
public sealed class CoreOverStore : IAsyncDisposable
{
    private RemoteFileSystem? _core;

    public CoreOverStore(InMemoryStoreOptions? options = null)
    {
        Store = new InMemoryRemoteStore(options);
        SpoolDirectory = Directory.CreateTempSubdirectory("ftpmount-unit-").FullName;
    }

    public InMemoryRemoteStore Store { get; }

    public string SpoolDirectory { get; }

    public RemoteFileSystem Core => _core ?? throw new InvalidOperationException("Call OpenAsync first.");

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static RemotePath P(string path) => RemotePath.Parse(path);

    /// <summary>Bytes that vary with their offset, so content stored or resumed at a wrong place never matches.</summary>
    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 13) + (i >> 10));
        }

        return bytes;
    }

    /// <summary>Opens the core over the store (rooted at its home folder), which then owns it.</summary>
    public async Task<RemoteFileSystem> OpenAsync(RemoteFileSystemOptions? options = null)
    {
        _core = await RemoteFileSystem.OpenAsync(
            Store, null, (options ?? new RemoteFileSystemOptions()) with { SpoolDirectory = SpoolDirectory }, null, Ct);
        return _core;
    }

    /// <summary>
    /// Finishes and disposes the core, as an unmount does (the store keeps its files), and opens a new one over the
    /// same store with <paramref name="options"/>: a remount.
    /// </summary>
    public async Task<RemoteFileSystem> RemountAsync(RemoteFileSystemOptions? options = null)
    {
        if (_core is { } old)
        {
            _core = null;
            await old.FinishUploadsAsync(TimeSpan.FromSeconds(10));
            await old.DisposeAsync();
        }

        return await OpenAsync(options);
    }

    /// <summary>Creates, writes and closes a file through the core, as a program saving it would.</summary>
    public async Task SaveAsync(string path, byte[] content)
    {
        var file = await Core.CreateAsync(P(path), 0x1A4, Ct);
        try
        {
            await Core.WriteAsync(file, content, 0, Ct);
            await Core.FlushAsync(file, Ct);
        }
        finally
        {
            await Core.ReleaseAsync(file, Ct);
        }
    }

    /// <summary>Opens, reads to the end and closes a file through the core.</summary>
    public async Task<byte[]> ReadAllAsync(string path)
    {
        var file = await Core.OpenAsync(P(path), read: true, write: false, truncate: false, Ct);
        try
        {
            using var content = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await Core.ReadAsync(file, buffer, content.Length, Ct)) > 0)
            {
                content.Write(buffer, 0, read);
            }

            return content.ToArray();
        }
        finally
        {
            await Core.ReleaseAsync(file, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_core is not null)
            {
                await _core.FinishUploadsAsync(TimeSpan.FromSeconds(10));
                await _core.DisposeAsync();
            }
            else
            {
                await Store.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(SpoolDirectory, recursive: true);
        }
    }
}
