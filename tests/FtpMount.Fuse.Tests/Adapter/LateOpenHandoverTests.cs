using FtpMount.Core;
using FtpMount.Core.Bridging;
using FtpMount.Fuse.Adapter;
using FtpMount.Fuse.Native;
using FtpMount.Testing;
using FtpMount.Testing.InMemory;
using FtpMount.Testing.Threading;
using static FtpMount.Testing.InMemory.CoreOverStore;

namespace FtpMount.Fuse.Tests.Adapter;

/// <summary>
/// An open or create whose core call completes only after the libfuse callback answered with a failure: the kernel
/// holds no handle for it and sends no release, so the adapter must release the core's file itself. The thread pool
/// is starved (<see cref="HeldTaskScheduler"/>): the call starts after the callback gave up. A gate in the store
/// (<c>Faults.Hold</c>) cannot make such a result: the bridge cancels the call's token at the deadline, the gate
/// honours it and the call ends cancelled, with nothing to hand over.
/// </summary>
public sealed class LateOpenHandoverTests : IAsyncDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CoreOverStore _setup = new();
    private readonly HeldTaskScheduler _starved = new();

    private InMemoryRemoteStore Store => _setup.Store;

    [Fact(Timeout = 60_000)]
    public async Task A_create_answered_too_late_is_released_so_its_file_is_saved()
    {
        var fuse = await StarvedAdapterAsync(new RemoteFileSystemOptions());

        var info = new FuseOpenInfo(FuseOpenInfo.WriteOnlyFlag);
        var result = fuse.Create("/new.txt", (UnixFileMode)Convert.ToInt32("644", 8), ref info);
        Assert.Equal(-Errno.EIO, result);
        Assert.Equal(0, fuse.OpenHandleCount);

        // The pool gets round to the create only now; the core's file it opens has no kernel handle.
        _starved.RunQueued();

        // Only a release saves a created file without a flush: the late file was released.
        await Poll.UntilOrFailAsync(
            () => Store.Exists("/new.txt"),
            Patience,
            "The create answered too late was never released: its file was never saved to the server.");
        Assert.Equal(string.Empty, Store.ReadText("/new.txt"));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_open_answered_too_late_does_not_keep_the_write_back_upload_of_the_file_deferred()
    {
        Store.AddFile("/a.txt", "old content");
        var fuse = await StarvedAdapterAsync(new RemoteFileSystemOptions { WriteBack = new WriteBackOptions { Enabled = true, Delay = TimeSpan.Zero } });
        var core = _setup.Core;
        var editor = await core.OpenAsync(P("/a.txt"), read: true, write: true, truncate: true, Ct);
        await core.WriteAsync(editor, "new content"u8.ToArray(), 0, Ct);

        var info = new FuseOpenInfo(0);
        Assert.Equal(-Errno.EIO, fuse.Open("/a.txt", ref info));
        _starved.RunQueued();

        // Write-back queues a node's upload when its last holder lets go: a late file never released would hold it.
        await core.ReleaseAsync(editor, Ct);
        await Poll.UntilOrFailAsync(
            () => Store.ReadText("/a.txt") == "new content" && core.PendingUploads == 0,
            Patience,
            "The edit was never uploaded: the open answered too late still holds the file.");
    }

    public ValueTask DisposeAsync() => _setup.DisposeAsync();

    /// <summary>An adapter whose calls start only at <see cref="HeldTaskScheduler.RunQueued"/>, after their callback gave up.</summary>
    private async Task<RemoteFuseFileSystem> StarvedAdapterAsync(RemoteFileSystemOptions options)
    {
        var core = await _setup.OpenAsync(options);
        var bridge = new BlockingCall(core.NetworkQuietFor, grace: Short, scheduler: _starved);
        return new RemoteFuseFileSystem(core, new RemoteFuseOptions { RequestTimeout = Short }, null, bridge);
    }
}
