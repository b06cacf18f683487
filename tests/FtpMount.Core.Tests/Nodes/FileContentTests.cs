using FtpMount.Core.Errors;
using FtpMount.Testing.InMemory;
using static FtpMount.Testing.InMemory.CoreOverStore;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// An open file's content (FileContent) as the core drives it over the in-memory store: where reads come from, what
/// writes and truncation leave on the server, when a streaming STOR starts and when it is given up for the spool's
/// upload, and that a save is sent once and survives a refusal. The rclone vfscache item cases with an equivalent
/// here: open/read/write/truncate of a cached item, rename while open, reopen while unsaved.
/// </summary>
public sealed class FileContentTests : IAsyncDisposable
{
    private const int Chunk = 64 * 1024;
    private readonly CoreOverStore _setup = new();

    private InMemoryRemoteStore Store => _setup.Store;

    [Fact(Timeout = 30_000)]
    public async Task An_unchanged_file_is_read_from_the_server_and_a_changed_one_from_its_spool()
    {
        Store.AddFile("/f.txt", "hello world");
        var core = await _setup.OpenAsync();
        Assert.Equal("hello world"u8.ToArray(), await _setup.ReadAllAsync("/f.txt"));
        Assert.Equal(1, Retrieves("/f.txt"));

        var file = await core.OpenAsync(P("/f.txt"), read: true, write: true, truncate: false, Ct);
        await core.WriteAsync(file, "HELLO"u8.ToArray(), 0, Ct);
        Store.ClearCommands();

        // The spool has the whole file (one copy was downloaded for the write); reads come from it, not the server.
        var buffer = new byte[64];
        var read = await core.ReadAsync(file, buffer, 0, Ct);
        Assert.Equal("HELLO world", System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        Assert.Equal(0, Retrieves("/f.txt"));
        Assert.Equal("hello world", Store.ReadText("/f.txt"));

        await core.ReleaseAsync(file, Ct);
        Assert.Equal("HELLO world", Store.ReadText("/f.txt"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Writes_in_the_middle_keep_the_rest_of_the_server_copy()
    {
        Store.AddFile("/f.txt", "0123456789");
        var core = await _setup.OpenAsync();
        var file = await core.OpenAsync(P("/f.txt"), read: true, write: true, truncate: false, Ct);

        await core.WriteAsync(file, "ab"u8.ToArray(), 3, Ct);
        await core.WriteAsync(file, "XYZ"u8.ToArray(), 12, Ct);
        await core.ReleaseAsync(file, Ct);

        Assert.Equal("012ab56789\0\0XYZ"u8.ToArray(), Store.ReadFile("/f.txt"));
        Assert.Equal(1, Retrieves("/f.txt"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Truncate_shortens_or_zero_extends_and_to_zero_needs_no_download()
    {
        Store.AddFile("/short.txt", "0123456789");
        Store.AddFile("/long.txt", "0123");
        Store.AddFile("/empty.txt", "0123456789");
        var core = await _setup.OpenAsync();

        var file = await core.OpenAsync(P("/short.txt"), read: true, write: true, truncate: false, Ct);
        await core.TruncateAsync(P("/short.txt"), 4, file, Ct);
        Assert.Equal(4, (await core.GetEntryAsync(P("/short.txt"), Ct)).Size);
        await core.ReleaseAsync(file, Ct);

        await core.TruncateAsync(P("/long.txt"), 8, null, Ct);
        await core.TruncateAsync(P("/empty.txt"), 0, null, Ct);

        Assert.Equal("0123", Store.ReadText("/short.txt"));
        Assert.Equal("0123\0\0\0\0"u8.ToArray(), Store.ReadFile("/long.txt"));
        Assert.Equal(0, Store.ReadFile("/empty.txt")?.Length);
        Assert.Equal(0, Retrieves("/empty.txt"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Sequential_writes_stream_into_one_STOR_that_the_close_finishes()
    {
        var core = await _setup.OpenAsync();
        var content = Pattern(4 * Chunk);
        var file = await core.CreateAsync(P("/big.bin"), 0x1A4, Ct);

        for (var offset = 0; offset < content.Length; offset += Chunk)
        {
            await core.WriteAsync(file, content.AsMemory(offset, Chunk), offset, Ct);
        }

        // The STOR is running before the close: it started with the first write.
        Assert.Single(Stores());
        await core.FlushAsync(file, Ct);
        await core.ReleaseAsync(file, Ct);

        Assert.Equal(content, Store.ReadFile("/big.bin"));
        Assert.Single(Stores());
        Assert.Equal(["/", "/big.bin"], Store.Paths);
        Assert.Equal(0, core.PendingUploads);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_write_out_of_order_abandons_the_streaming_STOR_and_the_close_uploads_the_spool()
    {
        var core = await _setup.OpenAsync();
        var content = Pattern(3 * Chunk);
        var file = await core.CreateAsync(P("/big.bin"), 0x1A4, Ct);
        await core.WriteAsync(file, content.AsMemory(0, Chunk), 0, Ct);
        await core.WriteAsync(file, content.AsMemory(Chunk, Chunk), Chunk, Ct);
        var streamed = Assert.Single(Stores());

        // A rewrite behind the stream (a header patched after the body, as archivers do).
        content[10] = 0xEE;
        await core.WriteAsync(file, content.AsMemory(10, 1), 10, Ct);
        Assert.False(Store.Exists(streamed.Path), "the streaming STOR's temporary file outlived the write that broke its order");
        await core.WriteAsync(file, content.AsMemory(2 * Chunk, Chunk), 2 * Chunk, Ct);
        await core.ReleaseAsync(file, Ct);

        Assert.Equal(content, Store.ReadFile("/big.bin"));
        var stores = Stores();
        Assert.Equal(2, stores.Count);
        Assert.NotEqual(streamed.Path, stores[1].Path);
        Assert.DoesNotContain(Store.Commands, c => c.Verb == StoreVerb.Rename && c.Path == streamed.Path);
        Assert.Equal(["/", "/big.bin"], Store.Paths);
    }

    [Fact(Timeout = 30_000)]
    public async Task Flush_fsync_and_release_upload_the_content_once()
    {
        Store.AddFile("/f.txt", "old");
        var core = await _setup.OpenAsync();
        var file = await core.OpenAsync(P("/f.txt"), read: true, write: true, truncate: true, Ct);
        await core.WriteAsync(file, "new content"u8.ToArray(), 0, Ct);

        await core.FlushAsync(file, Ct);
        await core.SyncAsync(file, Ct);
        await core.FlushAsync(file, Ct);
        await core.ReleaseAsync(file, Ct);

        Assert.Equal("new content", Store.ReadText("/f.txt"));
        Assert.Single(Stores());
        Assert.Single(Store.Commands, c => c.Verb == StoreVerb.Rename);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refused_upload_keeps_the_content_readable_and_the_next_save_sends_it()
    {
        Store.AddFile("/f.txt", "old");
        Store.Faults.Refuse(StoreVerb.Store, _ => true, 550, times: 1, text: "Permission denied.");
        var core = await _setup.OpenAsync();
        var file = await core.OpenAsync(P("/f.txt"), read: true, write: true, truncate: true, Ct);
        await core.WriteAsync(file, "new content"u8.ToArray(), 0, Ct);

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(file, Ct));
        Assert.Equal(FsError.AccessDenied, error.Error);
        Assert.Equal("old", Store.ReadText("/f.txt"));
        var buffer = new byte[64];
        Assert.Equal("new content", System.Text.Encoding.UTF8.GetString(buffer, 0, await core.ReadAsync(file, buffer, 0, Ct)));

        // The server takes it now: the next close of the same handle saves it (upload failing, then succeeding).
        await core.FlushAsync(file, Ct);
        await core.ReleaseAsync(file, Ct);

        Assert.Equal("new content", Store.ReadText("/f.txt"));
        Assert.Equal(0, core.PendingUploads);
        Assert.DoesNotContain(Store.DestructiveCommands, c => c.Verb == StoreVerb.Delete && c.Path == "/f.txt");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_renamed_while_open_with_unsaved_writes_keeps_them_and_later_ones_under_its_new_name()
    {
        Store.AddFile("/a.txt", "old");
        var core = await _setup.OpenAsync();
        var file = await core.OpenAsync(P("/a.txt"), read: true, write: true, truncate: true, Ct);
        await core.WriteAsync(file, "written before the rename"u8.ToArray(), 0, Ct);

        await core.RenameAsync(P("/a.txt"), P("/b.txt"), noReplace: false, Ct);
        await core.WriteAsync(file, ", and after"u8.ToArray(), 25, Ct);
        await core.ReleaseAsync(file, Ct);

        Assert.False(Store.Exists("/a.txt"));
        Assert.Equal("written before the rename, and after", Store.ReadText("/b.txt"));
        Assert.Equal(["/", "/b.txt"], Store.Paths);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_second_open_while_the_first_has_unsaved_writes_reads_them()
    {
        Store.AddFile("/f.txt", "server");
        var core = await _setup.OpenAsync();
        var writer = await core.OpenAsync(P("/f.txt"), read: true, write: true, truncate: true, Ct);
        await core.WriteAsync(writer, "local!"u8.ToArray(), 0, Ct);

        var reader = await core.OpenAsync(P("/f.txt"), read: true, write: false, truncate: false, Ct);
        var buffer = new byte[64];
        var read = await core.ReadAsync(reader, buffer, 0, Ct);

        Assert.Equal("local!", System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        Assert.Equal("server", Store.ReadText("/f.txt"));
        Assert.Equal(0, Retrieves("/f.txt"));
        await core.ReleaseAsync(reader, Ct);
        await core.ReleaseAsync(writer, Ct);
        Assert.Equal("local!", Store.ReadText("/f.txt"));
    }

    /// <summary>
    /// The kernel sends a handle's first reads in parallel. Each used to find no reader and make its own: two
    /// downloads, of which the release gave back only the one the handle kept (a data connection and its window
    /// held until unmount). Raced 200 times.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Parallel_first_reads_of_one_handle_share_one_download_and_the_release_ends_it()
    {
        Store.AddFile("/big.bin", new byte[1024 * 1024]);
        var core = await _setup.OpenAsync();
        for (var round = 0; round < 200; round++)
        {
            var file = await core.OpenAsync(P("/big.bin"), read: true, write: false, truncate: false, Ct);
            Store.ClearCommands();
            using var start = new Barrier(2);
            var reads = new[] { 0L, Chunk }.Select(offset => Task.Run(
                async () =>
                {
                    start.SignalAndWait(Ct);
                    return await core.ReadAsync(file, new byte[Chunk], offset, Ct);
                },
                Ct)).ToArray();

            var counts = await Task.WhenAll(reads);
            Assert.Equal([Chunk, Chunk], counts);
            await core.ReleaseAsync(file, Ct);
            Assert.Equal(1, Retrieves("/big.bin"));
            Assert.Equal(0, Store.Connections.OpenTransfers);
        }
    }

    private int Retrieves(string path) => Store.Commands.Count(c => c.Verb == StoreVerb.Retrieve && c.Path == path);

    private List<StoreCommand> Stores() => [.. Store.Commands.Where(c => c.Verb == StoreVerb.Store)];

    public ValueTask DisposeAsync() => _setup.DisposeAsync();
}
