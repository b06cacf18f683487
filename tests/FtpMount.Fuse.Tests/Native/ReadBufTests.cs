using System.Runtime.InteropServices;
using System.Text;
using FtpMount.Fuse.Native;
using FtpMount.Fuse.Tests.Mounting;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// The managed half of the read_buf operation (<see cref="FuseFileCallbacks.ReadInto"/>): what it hands libfuse in
/// <c>*bufp</c>, which libfuse sends and then frees with free() (fuse_free_buf), and when it hands nothing.
/// </summary>
public sealed unsafe class ReadBufTests
{
    [Fact(Timeout = 30_000)]
    public void The_bytes_read_go_to_libfuse_in_a_one_buffer_vector_of_memory_it_frees()
    {
        var fs = new InMemoryFileSystem();
        fs.AddFile("/f", "hello world");
        var info = new FuseOpenInfo(0);
        Assert.Equal(0, fs.Open("/f", ref info));
        FuseBufVec* vector = null;

        Assert.Equal(0, FuseFileCallbacks.ReadInto(fs, "/f", &vector, 1024, 6, info));

        Assert.True(vector != null);
        Assert.Equal((nuint)1, vector->count);
        Assert.Equal((nuint)0, vector->idx);
        Assert.Equal((nuint)0, vector->off);
        Assert.Equal(0, vector->buf.flags);
        Assert.Equal((nuint)5, vector->buf.size);
        Assert.Equal("world", Encoding.ASCII.GetString(new ReadOnlySpan<byte>(vector->buf.mem, 5)));
        FreeAsLibfuseDoes(vector);
    }

    [Fact(Timeout = 30_000)]
    public void An_error_is_answered_with_no_vector()
    {
        var fs = new InMemoryFileSystem();
        var info = new FuseOpenInfo(0) { Handle = 99 };
        FuseBufVec* vector = null;

        Assert.Equal(-Errno.EBADF, FuseFileCallbacks.ReadInto(fs, "/f", &vector, 16, 0, info));
        Assert.True(vector == null);
    }

    [Fact(Timeout = 30_000)]
    public void A_count_returned_while_the_read_still_holds_the_memory_is_never_sent()
    {
        var fs = new ScriptedRead((buffer, holdOn) =>
        {
            holdOn.Add(buffer);
            return 3;
        });
        FuseBufVec* vector = null;

        Assert.Equal(-Errno.EIO, FuseFileCallbacks.ReadInto(fs, "/f", &vector, 16, 0, default));
        Assert.True(vector == null);
        fs.Held.Single().CallEnded();
    }

    [Fact(Timeout = 30_000)]
    public void More_bytes_than_asked_for_are_never_sent()
    {
        var fs = new ScriptedRead((buffer, _) =>
        {
            buffer.CallEnded();
            return 17;
        });
        FuseBufVec* vector = null;

        Assert.Equal(-Errno.EIO, FuseFileCallbacks.ReadInto(fs, "/f", &vector, 16, 0, default));
        Assert.True(vector == null);
    }

    private static void FreeAsLibfuseDoes(FuseBufVec* vector)
    {
        NativeMemory.Free(vector->buf.mem);
        NativeMemory.Free(vector);
    }

    /// <summary>A file system whose only working operation is a read doing what the test says.</summary>
    private sealed class ScriptedRead(Func<FuseReadBuffer, List<FuseReadBuffer>, int> read) : IFuseFileSystem
    {
        public List<FuseReadBuffer> Held { get; } = [];

        public int ReadInto(string path, FuseReadBuffer buffer, long offset, FuseOpenInfo info) => read(buffer, Held);

        public void Init(FuseConnectionInfo connection)
        {
        }

        public void Destroy()
        {
        }

        public int GetAttr(string path, out FuseAttributes attributes, ulong? handle)
        {
            attributes = default;
            return -Errno.ENOSYS;
        }

        public int ReadDir(string path, FuseDirectoryFiller filler) => -Errno.ENOSYS;

        public int ReadLink(string path, out string target)
        {
            target = string.Empty;
            return -Errno.ENOSYS;
        }

        public int Open(string path, ref FuseOpenInfo info) => -Errno.ENOSYS;

        public int Create(string path, UnixFileMode mode, ref FuseOpenInfo info) => -Errno.ENOSYS;

        public int Read(string path, Span<byte> buffer, long offset, FuseOpenInfo info) => -Errno.ENOSYS;

        public int Write(string path, ReadOnlySpan<byte> buffer, long offset, FuseOpenInfo info) => -Errno.ENOSYS;

        public int Flush(string path, FuseOpenInfo info) => -Errno.ENOSYS;

        public int Release(string path, FuseOpenInfo info) => -Errno.ENOSYS;

        public int Fsync(string path, bool dataOnly, FuseOpenInfo info) => -Errno.ENOSYS;

        public int Truncate(string path, long length, ulong? handle) => -Errno.ENOSYS;

        public int Unlink(string path) => -Errno.ENOSYS;

        public int Mkdir(string path, UnixFileMode mode) => -Errno.ENOSYS;

        public int Rmdir(string path) => -Errno.ENOSYS;

        public int Rename(string path, string newPath, FuseRenameOptions flags) => -Errno.ENOSYS;

        public int Utimens(string path, DateTimeOffset? accessTime, DateTimeOffset? modificationTime, ulong? handle) => -Errno.ENOSYS;

        public int Chmod(string path, UnixFileMode mode, ulong? handle) => -Errno.ENOSYS;

        public int StatFs(string path, out FuseFileSystemStats stats)
        {
            stats = default;
            return -Errno.ENOSYS;
        }
    }
}
