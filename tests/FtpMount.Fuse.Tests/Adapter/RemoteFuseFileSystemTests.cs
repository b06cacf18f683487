using System.Text;
using FtpMount.Core;
using FtpMount.Fuse.Adapter;
using FtpMount.Fuse.Native;
using FtpMount.Testing.InMemory;

namespace FtpMount.Fuse.Tests.Adapter;

/// <summary>
/// The FUSE adapter's operations called as libfuse calls them (no kernel, no mount), over the whole core and the
/// in-memory store: what each returns (0 or the negated errno), what reaches the server, and what comes back.
/// </summary>
public sealed class RemoteFuseFileSystemTests : IAsyncLifetime
{
    private const int ReadOnly = 0;
    private const int WriteOnly = 1;
    private const int ReadWrite = 2;
    private const int Truncate = 0x200;

    private readonly CoreOverStore _setup = new();
    private RemoteFuseFileSystem? _fuse;

    private InMemoryRemoteStore Store => _setup.Store;

    private RemoteFuseFileSystem Fuse => _fuse ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        Store.AddFile("/hello.txt", "hello, world", mode: 0x1A4);
        Store.AddDirectory("/dir");
        Store.AddFile("/dir/inner.txt", "inner");
        Store.AddDirectory("/empty");
        _fuse = new RemoteFuseFileSystem(await _setup.OpenAsync(), new RemoteFuseOptions());
    }

    [Fact(Timeout = 30_000)]
    public void Getattr_shows_kind_size_and_mode_and_a_missing_name_is_ENOENT()
    {
        Assert.Equal(0, Fuse.GetAttr("/hello.txt", out var file, null));
        Assert.Equal(FuseNodeKind.RegularFile, file.Kind);
        Assert.Equal(12, file.Size);
        Assert.Equal((UnixFileMode)0x1A4, file.Permissions);

        Assert.Equal(0, Fuse.GetAttr("/dir", out var folder, null));
        Assert.Equal(FuseNodeKind.Directory, folder.Kind);

        Assert.Equal(-Errno.ENOENT, Fuse.GetAttr("/missing.txt", out _, null));
        Assert.Equal(-Errno.ENOENT, Fuse.GetAttr("/dir/missing/deeper", out _, null));
    }

    [Fact(Timeout = 30_000)]
    public void Readdir_lists_dot_entries_and_every_name()
    {
        Assert.Equal(0, ReadDir("/", out var root));
        Assert.Equal([".", "..", "dir", "empty", "hello.txt"], root.Order(StringComparer.Ordinal));

        Assert.Equal(0, ReadDir("/dir", out var inner));
        Assert.Equal([".", "..", "inner.txt"], inner.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public void Open_read_release_returns_the_servers_bytes()
    {
        var info = new FuseOpenInfo(ReadOnly);
        Assert.Equal(0, Fuse.Open("/hello.txt", ref info));

        var buffer = new byte[5];
        Assert.Equal(5, Fuse.Read("/hello.txt", buffer, 7, info));
        Assert.Equal("world", Encoding.ASCII.GetString(buffer));
        Assert.Equal(0, Fuse.Read("/hello.txt", buffer, 12, info));
        Assert.Equal(0, Fuse.Release("/hello.txt", info));

        Assert.Equal(-Errno.EBADF, Fuse.Read("/hello.txt", buffer, 0, info));
        Assert.Equal(0, Fuse.OpenHandleCount);
        var missing = new FuseOpenInfo(ReadOnly);
        Assert.Equal(-Errno.ENOENT, Fuse.Open("/missing.txt", ref missing));
    }

    [Fact(Timeout = 30_000)]
    public void A_create_of_a_name_another_create_made_meanwhile_follows_its_own_open_flags()
    {
        const int append = 0x400, exclusive = 0x80;
        var first = new FuseOpenInfo(WriteOnly);
        Assert.Equal(0, Fuse.Create("/dir/log.txt", (UnixFileMode)0x1A4, ref first));
        Assert.Equal(6, Fuse.Write("/dir/log.txt", "first\n"u8, 0, first));

        // The kernel found the name absent for both (the second create's lookup came before the first create).
        var excl = new FuseOpenInfo(WriteOnly | exclusive);
        Assert.Equal(-Errno.EEXIST, Fuse.Create("/dir/log.txt", (UnixFileMode)0x1A4, ref excl));
        var appending = new FuseOpenInfo(WriteOnly | append);
        Assert.Equal(0, Fuse.Create("/dir/log.txt", (UnixFileMode)0x1A4, ref appending));
        Assert.Equal(7, Fuse.Write("/dir/log.txt", "second\n"u8, 0, appending));
        Assert.Equal(0, Fuse.Release("/dir/log.txt", appending));
        Assert.Equal(0, Fuse.Release("/dir/log.txt", first));
        Assert.Equal("first\nsecond\n", Store.ReadText("/dir/log.txt"));

        var truncating = new FuseOpenInfo(WriteOnly | Truncate);
        var keeping = new FuseOpenInfo(WriteOnly);
        Assert.Equal(CreateOverOpen.Truncate, RemoteFuseFileSystem.WhenOpenAlready(truncating));
        Assert.Equal(CreateOverOpen.Keep, RemoteFuseFileSystem.WhenOpenAlready(keeping));
        Assert.Equal(CreateOverOpen.Refuse, RemoteFuseFileSystem.WhenOpenAlready(excl));
    }

    [Fact(Timeout = 30_000)]
    public void Create_write_release_puts_the_file_on_the_server()
    {
        var info = new FuseOpenInfo(WriteOnly);
        Assert.Equal(0, Fuse.Create("/dir/new.txt", (UnixFileMode)0x1A4, ref info));
        Assert.Equal(6, Fuse.Write("/dir/new.txt", "first "u8, 0, info));
        Assert.Equal(6, Fuse.Write("/dir/new.txt", "second"u8, 6, info));
        Assert.Equal(0, Fuse.Flush("/dir/new.txt", info));
        Assert.Equal(0, Fuse.Release("/dir/new.txt", info));

        Assert.Equal("first second", Store.ReadText("/dir/new.txt"));
        Assert.Equal(0, Fuse.GetAttr("/dir/new.txt", out var attributes, null));
        Assert.Equal(12, attributes.Size);
    }

    [Fact(Timeout = 30_000)]
    public void Open_with_O_TRUNC_replaces_the_content_and_ftruncate_through_a_handle_cuts_it()
    {
        var info = new FuseOpenInfo(ReadWrite | Truncate);
        Assert.Equal(0, Fuse.Open("/hello.txt", ref info));
        Assert.Equal(10, Fuse.Write("/hello.txt", "0123456789"u8, 0, info));
        Assert.Equal(0, Fuse.Release("/hello.txt", info));
        Assert.Equal("0123456789", Store.ReadText("/hello.txt"));

        var again = new FuseOpenInfo(ReadWrite);
        Assert.Equal(0, Fuse.Open("/hello.txt", ref again));
        Assert.Equal(0, Fuse.Truncate(string.Empty, 4, again.Handle));
        Assert.Equal(0, Fuse.Release("/hello.txt", again));
        Assert.Equal("0123", Store.ReadText("/hello.txt"));
    }

    [Fact(Timeout = 30_000)]
    public void Rename_and_unlink_change_the_server_and_their_refusals_have_the_right_errno()
    {
        Assert.Equal(0, Fuse.Rename("/hello.txt", "/dir/moved.txt", FuseRenameOptions.None));
        Assert.False(Store.Exists("/hello.txt"));
        Assert.Equal("hello, world", Store.ReadText("/dir/moved.txt"));
        Assert.Equal(-Errno.ENOENT, Fuse.GetAttr("/hello.txt", out _, null));

        Assert.Equal(-Errno.EEXIST, Fuse.Rename("/dir/moved.txt", "/dir/inner.txt", FuseRenameOptions.NoReplace));
        Assert.Equal(-Errno.EINVAL, Fuse.Rename("/dir/moved.txt", "/dir/inner.txt", FuseRenameOptions.Exchange));
        Assert.Equal("inner", Store.ReadText("/dir/inner.txt"));

        Assert.Equal(0, Fuse.Unlink("/dir/moved.txt"));
        Assert.False(Store.Exists("/dir/moved.txt"));
        Assert.Equal(-Errno.ENOENT, Fuse.Unlink("/dir/moved.txt"));
    }

    [Fact(Timeout = 30_000)]
    public void A_550_permission_refusal_is_EACCES_and_the_file_stays()
    {
        Store.Faults.Refuse(StoreVerb.Delete, "/hello.txt", 550, text: "Permission denied.");
        Store.Faults.Refuse(StoreVerb.MakeDirectory, "/locked", 550, text: "Permission denied.");
        Store.Faults.Refuse(StoreVerb.Rename, "/dir/inner.txt", 550, text: "Permission denied.");

        Assert.Equal(-Errno.EACCES, Fuse.Unlink("/hello.txt"));
        Assert.Equal(-Errno.EACCES, Fuse.Mkdir("/locked", (UnixFileMode)0x1ED));
        Assert.Equal(-Errno.EACCES, Fuse.Rename("/dir/inner.txt", "/dir/other.txt", FuseRenameOptions.None));

        Assert.Equal("hello, world", Store.ReadText("/hello.txt"));
        Assert.Equal("inner", Store.ReadText("/dir/inner.txt"));
        Assert.False(Store.Exists("/locked"));

        // A refused MKD in a folder that is not there is ENOENT, whatever the reply says.
        Store.Faults.Refuse(StoreVerb.MakeDirectory, "/gone/sub", 550, text: "Permission denied.");
        Assert.Equal(-Errno.ENOENT, Fuse.Mkdir("/gone/sub", (UnixFileMode)0x1ED));
    }

    [Fact(Timeout = 30_000)]
    public void Rmdir_of_a_folder_with_entries_is_ENOTEMPTY_and_of_an_empty_one_removes_it()
    {
        Assert.Equal(-Errno.ENOTEMPTY, Fuse.Rmdir("/dir"));
        Assert.True(Store.Exists("/dir/inner.txt"));

        Assert.Equal(0, Fuse.Rmdir("/empty"));
        Assert.False(Store.Exists("/empty"));
        Assert.Equal(-Errno.ENOENT, Fuse.Rmdir("/empty"));
    }

    [Fact(Timeout = 30_000)]
    public void Mkdir_then_a_file_in_it_then_readdir_shows_it()
    {
        Assert.Equal(0, Fuse.Mkdir("/made", (UnixFileMode)0x1ED));
        Assert.True(Store.IsDirectory("/made"));
        var info = new FuseOpenInfo(WriteOnly);
        Assert.Equal(0, Fuse.Create("/made/f", (UnixFileMode)0x1A4, ref info));
        Assert.Equal(0, Fuse.Release("/made/f", info));

        Assert.Equal(0, ReadDir("/made", out var names));
        Assert.Equal([".", "..", "f"], names.Order(StringComparer.Ordinal));
        Assert.Equal(0, Store.ReadFile("/made/f")?.Length);
    }

    [Fact(Timeout = 30_000)]
    public void A_read_given_up_at_its_deadline_leaves_the_next_read_of_the_handle_correct()
    {
        // Only a request with no network progress for this long is given up; the held RETR makes none.
        _fuse = new RemoteFuseFileSystem(_setup.Core, new RemoteFuseOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var content = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31)).ToArray();
        Store.AddFile("/big.bin", content);
        var info = new FuseOpenInfo(ReadOnly);
        Assert.Equal(0, Fuse.Open("/big.bin", ref info));
        var gate = Store.Faults.Hold(StoreVerb.Retrieve, "/big.bin");

        var stale = new byte[4096];
        Array.Fill(stale, (byte)0xAA);
        var failed = Fuse.Read("/big.bin", stale, 8192, info);
        Assert.True(failed < 0, $"the held read returned {failed} instead of an error");
        Assert.Equal(1, gate.Held);
        gate.Open();

        var buffer = new byte[4096];
        Assert.Equal(4096, Fuse.Read("/big.bin", buffer, 100_000, info));
        Assert.Equal(content.AsSpan(100_000, 4096).ToArray(), buffer);
        Assert.Equal(4096, Fuse.Read("/big.bin", buffer, 8192, info));
        Assert.Equal(content.AsSpan(8192, 4096).ToArray(), buffer);
        Assert.All(stale, b => Assert.Equal(0xAA, b));
        Assert.Equal(0, Fuse.Release("/big.bin", info));
    }

    private int ReadDir(string path, out List<string> names) => CollectedListing.Read(Fuse, path, out names);

    public ValueTask DisposeAsync() => _setup.DisposeAsync();
}
