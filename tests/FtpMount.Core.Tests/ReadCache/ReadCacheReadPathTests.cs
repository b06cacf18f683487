using FtpMount.Core.Errors;
using FtpMount.Core.ReadCache;
using FtpMount.Testing.InMemory;
using static FtpMount.Testing.InMemory.CoreOverStore;

namespace FtpMount.Core.Tests.ReadCache;

/// <summary>
/// Reads through the core with <c>cache=full</c> over the in-memory store, counting the downloads (RETR) the store
/// received: a second read, also after a remount, downloads nothing; a file whose size or time changed on the server,
/// or that was changed through the mount, is downloaded again and read whole in its new version.
/// </summary>
public sealed class ReadCacheReadPathTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CoreOverStore _setup = new();
    private readonly string _cacheDirectory = Directory.CreateTempSubdirectory("ftpmount-readcache-").FullName;

    private InMemoryRemoteStore Store => _setup.Store;

    private RemoteFileSystemOptions Cached => new()
    {
        ReadCache = new ReadCacheOptions { Enabled = true, Directory = _cacheDirectory },
        ReadAheadBytes = 256 * 1024,
    };

    [Fact(Timeout = 30_000)]
    public async Task A_second_read_is_served_from_the_cache_without_a_download()
    {
        var content = Bytes(3 << 20, seed: 1);
        Store.AddFile("/big.bin", content, Time);
        await _setup.OpenAsync(Cached);

        Assert.Equal(content, await _setup.ReadAllAsync("/big.bin"));
        Assert.NotEqual(0, Retrieves("/big.bin"));
        Store.ClearCommands();

        Assert.Equal(content, await _setup.ReadAllAsync("/big.bin"));
        Assert.Equal(0, Retrieves("/big.bin"));
    }

    [Fact(Timeout = 30_000)]
    public async Task After_a_remount_the_file_is_read_from_the_cache_without_a_download()
    {
        var content = Bytes(3 << 20, seed: 2);
        Store.AddFile("/big.bin", content, Time);
        await _setup.OpenAsync(Cached);
        Assert.Equal(content, await _setup.ReadAllAsync("/big.bin"));

        await _setup.RemountAsync(Cached);
        Store.ClearCommands();

        Assert.Equal(content, await _setup.ReadAllAsync("/big.bin"));
        Assert.Equal(0, Retrieves("/big.bin"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_the_option_nothing_is_cached_and_every_read_downloads()
    {
        Store.AddFile("/f.bin", Bytes(100_000, seed: 3), Time);
        await _setup.OpenAsync(new RemoteFileSystemOptions { ReadCache = new ReadCacheOptions { Directory = _cacheDirectory } });
        await _setup.ReadAllAsync("/f.bin");
        Store.ClearCommands();

        await _setup.ReadAllAsync("/f.bin");

        Assert.Equal(1, Retrieves("/f.bin"));
        Assert.Empty(Directory.GetFileSystemEntries(_cacheDirectory));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_another_client_changed_to_another_size_is_downloaded_again_whole()
    {
        Store.AddFile("/f.bin", Bytes(200_000, seed: 4), Time);
        await _setup.OpenAsync(Cached);
        await _setup.ReadAllAsync("/f.bin");

        var changed = Bytes(300_000, seed: 5);
        Store.AddFile("/f.bin", changed, Time.AddMinutes(1));
        await _setup.RemountAsync(Cached);
        Store.ClearCommands();

        Assert.Equal(changed, await _setup.ReadAllAsync("/f.bin"));
        Assert.NotEqual(0, Retrieves("/f.bin"));
        Store.ClearCommands();
        Assert.Equal(changed, await _setup.ReadAllAsync("/f.bin"));
        Assert.Equal(0, Retrieves("/f.bin"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_changed_at_the_same_size_with_a_new_time_is_downloaded_again()
    {
        Store.AddFile("/f.bin", Bytes(200_000, seed: 6), Time);
        await _setup.OpenAsync(Cached);
        await _setup.ReadAllAsync("/f.bin");

        var changed = Bytes(200_000, seed: 7);
        Store.AddFile("/f.bin", changed, Time.AddSeconds(1));
        await _setup.RemountAsync(Cached);
        Store.ClearCommands();

        Assert.Equal(changed, await _setup.ReadAllAsync("/f.bin"));
        Assert.NotEqual(0, Retrieves("/f.bin"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_another_client_grew_while_mounted_is_read_whole_in_its_new_version()
    {
        Store.AddFile("/f.bin", Bytes(200_000, seed: 8), Time);
        var core = await _setup.OpenAsync(Cached);
        await _setup.ReadAllAsync("/f.bin");

        var changed = Bytes(250_000, seed: 9);
        Store.AddFile("/f.bin", changed, Time.AddMinutes(5));
        Store.ClearCommands();

        // Opening re-checks the size on the server; the cached bytes of the old version are not served.
        Assert.Equal(changed, await _setup.ReadAllAsync("/f.bin"));
        Assert.NotEqual(0, Retrieves("/f.bin"));
        Assert.Equal(250_000, (await core.GetEntryAsync(P("/f.bin"), Ct)).Size);
    }

    [Fact(Timeout = 30_000)]
    public async Task Content_written_through_the_mount_drops_the_cached_bytes_even_at_the_same_size_and_time()
    {
        // The store's clock stands still: the upload gets the very time the old content had, at the same size.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Time);
        await using var setup = new CoreOverStore(new InMemoryStoreOptions { Time = clock });
        setup.Store.AddFile("/f.bin", Bytes(100_000, seed: 10), Time);
        await setup.OpenAsync(Cached);
        await setup.ReadAllAsync("/f.bin");

        var changed = Bytes(100_000, seed: 11);
        await setup.SaveAsync("/f.bin", changed);
        await setup.RemountAsync(Cached);
        Assert.Equal(Time, setup.Store.ModifiedOf("/f.bin"));

        Assert.Equal(changed, await setup.ReadAllAsync("/f.bin"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_renamed_over_a_cached_one_is_read_in_its_own_content()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Time);
        await using var setup = new CoreOverStore(new InMemoryStoreOptions { Time = clock });
        setup.Store.AddFile("/f.bin", Bytes(100_000, seed: 12), Time);
        var replacement = Bytes(100_000, seed: 13);
        setup.Store.AddFile("/f.bin.new", replacement, Time);
        var core = await setup.OpenAsync(Cached);
        await setup.ReadAllAsync("/f.bin");

        await core.RenameAsync(P("/f.bin.new"), P("/f.bin"), noReplace: false, Ct);
        await setup.RemountAsync(Cached);

        Assert.Equal(replacement, await setup.ReadAllAsync("/f.bin"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Two_handles_reading_the_same_file_at_once_share_the_cache()
    {
        var content = Bytes(2 << 20, seed: 14);
        Store.AddFile("/f.bin", content, Time);
        await _setup.OpenAsync(Cached);

        var reads = await Task.WhenAll(_setup.ReadAllAsync("/f.bin"), _setup.ReadAllAsync("/f.bin"));
        Assert.All(reads, read => Assert.Equal(content, read));
        Store.ClearCommands();

        Assert.Equal(content, await _setup.ReadAllAsync("/f.bin"));
        Assert.Equal(0, Retrieves("/f.bin"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_handle_that_served_cached_bytes_fails_rather_than_cut_them_at_a_shorter_new_version()
    {
        var content = Bytes(1 << 20, seed: 15);
        Store.AddFile("/f.bin", content, Time);
        var core = await _setup.OpenAsync(Cached with { ReadAheadBytes = 64 * 1024 });
        var first = await core.OpenAsync(P("/f.bin"), read: true, write: false, truncate: false, Ct);
        Assert.Equal(64 * 1024, await core.ReadAsync(first, new byte[64 * 1024], 0, Ct));
        await core.ReleaseAsync(first, Ct);

        var file = await core.OpenAsync(P("/f.bin"), read: true, write: false, truncate: false, Ct);
        Store.ClearCommands();
        var head = new byte[64 * 1024];
        Assert.Equal(head.Length, await core.ReadAsync(file, head, 0, Ct));
        Assert.Equal(content.AsSpan(0, head.Length).ToArray(), head);
        Assert.Equal(0, Retrieves("/f.bin"));

        // Another client stores content shorter than what was served: the next read's download has no byte to give.
        // Answering it with the end of the file would cut the old version the program already has at 64 KiB.
        Store.AddFile("/f.bin", Bytes(1000, seed: 16), Time.AddMinutes(1));
        var error = await Assert.ThrowsAsync<RemoteFsException>(
            async () => await core.ReadAsync(file, new byte[64 * 1024], 64 * 1024, Ct));
        Assert.Equal(FsError.IoError, error.Error);
        await core.ReleaseAsync(file, Ct);
    }

    private int Retrieves(string path) => Store.Commands.Count(c => c.Verb == StoreVerb.Retrieve && c.Path == path);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _setup.DisposeAsync();
        Directory.Delete(_cacheDirectory, recursive: true);
    }
}
