using FtpMount.Core;
using FtpMount.Core.Cache;
using FtpMount.Fuse.Adapter;
using FtpMount.Testing.InMemory;

namespace FtpMount.Fuse.Tests.Adapter;

/// <summary>
/// What opendir tells the kernel about its cached copy of a folder's listing (keep_cache): kept only while the
/// listing cache still trusts the very listing readdir handed over, dropped after any change or expiry.
/// </summary>
public sealed class KernelListingCacheTests : IAsyncLifetime
{
    private readonly CoreOverStore _setup = new();
    private RemoteFuseFileSystem? _fuse;

    private RemoteFuseFileSystem Fuse => _fuse ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        _setup.Store.AddDirectory("/dir");
        _setup.Store.AddFile("/dir/a.txt", "a");
        _fuse = new RemoteFuseFileSystem(await _setup.OpenAsync(new RemoteFileSystemOptions { PollInterval = TimeSpan.Zero }), new RemoteFuseOptions());
    }

    public async ValueTask DisposeAsync() => await _setup.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public void Opendir_keeps_the_kernels_copy_only_of_the_listing_readdir_gave_it()
    {
        Assert.Equal((true, false), OpenDir("/dir"));

        Assert.Equal(0, CollectedListing.Read(Fuse, "/dir", out _));
        Assert.Equal((true, true), OpenDir("/dir"));

        // Another client's file is not seen before the listing cache expires, by the kernel or by readdir alike.
        _setup.Store.AddFile("/dir/other.txt", "o");
        Assert.Equal((true, true), OpenDir("/dir"));

        // A change through the mount is a new listing: the kernel's copy must go.
        Assert.Equal(0, Fuse.Mkdir("/dir/sub", (UnixFileMode)0x1ED));
        Assert.Equal((true, false), OpenDir("/dir"));
        Assert.Equal(0, CollectedListing.Read(Fuse, "/dir", out var names));
        Assert.Contains("sub", names);
        Assert.Equal((true, true), OpenDir("/dir"));
    }

    [Fact(Timeout = 30_000)]
    public void A_listing_that_shows_a_file_not_yet_on_the_server_is_never_kept()
    {
        Assert.Equal(0, CollectedListing.Read(Fuse, "/dir", out _));
        Assert.Equal((true, true), OpenDir("/dir"));

        var info = new FuseOpenInfo(1);
        Assert.Equal(0, Fuse.Create("/dir/new.txt", (UnixFileMode)0x1A4, ref info));
        Assert.Equal(0, CollectedListing.Read(Fuse, "/dir", out var names));
        Assert.Contains("new.txt", names);
        Assert.Equal((true, false), OpenDir("/dir"));

        // Saved: the listing cache has it now, and the kernel may keep the next listing again.
        Assert.Equal(0, Fuse.Release("/dir/new.txt", info));
        Assert.Equal(0, CollectedListing.Read(Fuse, "/dir", out names));
        Assert.Contains("new.txt", names);
        Assert.Equal((true, true), OpenDir("/dir"));
    }

    [Fact(Timeout = 30_000)]
    public void A_listing_that_did_not_fit_the_buffer_is_never_kept()
    {
        Assert.Equal(0, CollectedListing.Read(Fuse, "/dir", out _, acceptNames: 2));
        Assert.Equal((true, false), OpenDir("/dir"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Once_the_listing_cache_expires_the_kernels_copy_goes_and_readdir_lists_the_server_again()
    {
        var ttl = TimeSpan.FromMilliseconds(200);
        var fuse = new RemoteFuseFileSystem(
            await _setup.RemountAsync(new RemoteFileSystemOptions { PollInterval = TimeSpan.Zero, Cache = new DirectoryCacheOptions { DirectoryTtl = ttl } }),
            new RemoteFuseOptions());
        Assert.Equal(0, CollectedListing.Read(fuse, "/dir", out _));
        Assert.True(OpenDir(fuse, "/dir").Keep);
        _setup.Store.AddFile("/dir/other.txt", "o");

        await Task.Delay(ttl * 3, TestContext.Current.CancellationToken);

        Assert.Equal((true, false), OpenDir(fuse, "/dir"));
        Assert.Equal(0, CollectedListing.Read(fuse, "/dir", out var names));
        Assert.Contains("other.txt", names);
    }

    private (bool Cache, bool Keep) OpenDir(string path) => OpenDir(Fuse, path);

    private static (bool Cache, bool Keep) OpenDir(RemoteFuseFileSystem fuse, string path)
    {
        var info = new FuseOpenInfo(0);
        Assert.Equal(0, fuse.OpenDir(path, ref info));
        return (info.CacheListing, info.KeepCache);
    }
}
