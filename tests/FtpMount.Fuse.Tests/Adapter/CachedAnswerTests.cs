using FtpMount.Core;
using FtpMount.Core.Bridging;
using FtpMount.Fuse.Adapter;
using FtpMount.Fuse.Native;
using FtpMount.Testing.InMemory;
using FtpMount.Testing.Threading;

namespace FtpMount.Fuse.Tests.Adapter;

/// <summary>
/// getattr and readdir that the caches answer are answered on libfuse's own thread: they never wait for the thread
/// pool, which a hot ls -lR would otherwise enter twice per folder. What would ask the server still goes there.
/// </summary>
public sealed class CachedAnswerTests : IAsyncDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);
    private readonly CoreOverStore _setup = new();
    private readonly HeldTaskScheduler _starved = new();

    [Fact(Timeout = 30_000)]
    public async Task Cached_getattr_and_readdir_are_answered_without_the_thread_pool()
    {
        _setup.Store.AddDirectory("/dir");
        _setup.Store.AddFile("/dir/a.txt", "abc");
        _setup.Store.AddDirectory("/other");
        var core = await _setup.OpenAsync(new RemoteFileSystemOptions { PollInterval = TimeSpan.Zero, PrefetchSiblings = false });
        Assert.Equal(0, CollectedListing.Read(new RemoteFuseFileSystem(core, new RemoteFuseOptions()), "/dir", out _));

        // Calls that must go through the pool start only after their callback gave up on them.
        var starved = new RemoteFuseFileSystem(
            core, new RemoteFuseOptions { RequestTimeout = Short }, null, new BlockingCall(core.NetworkQuietFor, grace: Short, scheduler: _starved));

        Assert.Equal(0, starved.GetAttr("/dir/a.txt", out var file, null));
        Assert.Equal(3, file.Size);
        Assert.Equal(0, starved.GetAttr("/", out _, null));
        Assert.Equal(0, CollectedListing.Read(starved, "/dir", out var names));
        Assert.Equal([".", "..", "a.txt"], names);
        Assert.Equal(0, _starved.QueuedCount);

        // Not cached: the server must be asked, through the pool.
        Assert.Equal(-Errno.EIO, CollectedListing.Read(starved, "/other", out _));
        Assert.True(_starved.QueuedCount > 0);
        _starved.RunQueued();
    }

    public ValueTask DisposeAsync() => _setup.DisposeAsync();
}
