namespace FtpMount.Fuse;

/// <summary>
/// A path-based file system served through libfuse's high-level API. Paths are absolute within the mount
/// ("/", "/dir/file"). Every method returns 0 (or a byte count) on success and a negated
/// <see cref="Native.Errno"/> value on failure; an exception is logged and answered with -EIO.
/// </summary>
/// <remarks>
/// Calls arrive concurrently on libfuse's worker threads, so implementations must be thread-safe. A call must
/// never wait for something that itself needs a request on the same mount (for example touching a file under
/// the mount point): that deadlocks the mount and leaves callers in uninterruptible sleep. Methods are
/// synchronous because libfuse's high-level API is; an implementation over async code blocks its worker thread,
/// which is what the worker threads are for.
/// <para>
/// <c>path</c> is empty for getattr/truncate/read/write/flush/release/fsync on a file that was unlinked while
/// open (hard_remove): such calls must rely on the handle.
/// </para>
/// </remarks>
public interface IFuseFileSystem
{
    /// <summary>The mount is up and the kernel has answered <c>FUSE_INIT</c>.</summary>
    void Init(FuseConnectionInfo connection);

    /// <summary>The file system is being torn down; no call follows.</summary>
    void Destroy();

    /// <param name="handle">The open file's handle when called through <c>fstat(2)</c>, otherwise null.</param>
    int GetAttr(string path, out FuseAttributes attributes, ulong? handle);

    /// <summary>
    /// A directory is opened to be listed (opendir(3)). Set <see cref="FuseOpenInfo.CacheListing"/> to let the kernel
    /// keep the listing read through this open, and <see cref="FuseOpenInfo.KeepCache"/> to let it list from what an
    /// earlier open cached instead of calling <see cref="ReadDir"/>; without KeepCache the kernel drops that. Both
    /// reach the kernel with every release: libfuse passes them on from 3.16.1, <c>OpenDirFlagRelay</c> before.
    /// </summary>
    int OpenDir(string path, ref FuseOpenInfo info) => 0;

    /// <summary>Lists a directory; add "." and ".." if they should be listed.</summary>
    int ReadDir(string path, FuseDirectoryFiller filler);

    int ReadLink(string path, out string target);

    /// <summary>Opens an existing file; set <see cref="FuseOpenInfo.Handle"/> to recognise it later.</summary>
    int Open(string path, ref FuseOpenInfo info);

    /// <summary>
    /// Creates and opens a regular file (<c>open(2)</c> with O_CREAT when it did not exist); <paramref name="mode"/> is
    /// the mode asked for with the caller's umask applied.
    /// </summary>
    int Create(string path, UnixFileMode mode, ref FuseOpenInfo info);

    /// <returns>Bytes read (fewer than asked only at end of file), or a negated errno.</returns>
    int Read(string path, Span<byte> buffer, long offset, FuseOpenInfo info);

    /// <summary>
    /// A read as libfuse asks for it: into <paramref name="buffer"/>, memory the reply is sent from as it is. The file
    /// system must call <see cref="FuseReadBuffer.CallEnded"/> exactly once, success or not, once nothing it started
    /// writes into the memory any more; it may do so after returning (a read given up at its deadline that still runs).
    /// Unless overridden, this is <see cref="Read"/> into the buffer.
    /// </summary>
    /// <returns>Bytes read (fewer than asked only at end of file), or a negated errno.</returns>
    int ReadInto(string path, FuseReadBuffer buffer, long offset, FuseOpenInfo info)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        try
        {
            return Read(path, buffer.GetSpan(), offset, info);
        }
        finally
        {
            buffer.CallEnded();
        }
    }

    /// <returns>Bytes written (all of <paramref name="buffer"/> unless failing), or a negated errno.</returns>
    int Write(string path, ReadOnlySpan<byte> buffer, long offset, FuseOpenInfo info);

    /// <summary>Called on every <c>close(2)</c> of a descriptor for the file (possibly several per open).</summary>
    int Flush(string path, FuseOpenInfo info);

    /// <summary>The last reference to the open file is gone; its result is ignored by the kernel.</summary>
    int Release(string path, FuseOpenInfo info);

    int Fsync(string path, bool dataOnly, FuseOpenInfo info);

    /// <param name="handle">The open file's handle for <c>ftruncate(2)</c>, otherwise null.</param>
    int Truncate(string path, long length, ulong? handle);

    int Unlink(string path);

    /// <summary>mkdir(2); <paramref name="mode"/> is the mode asked for with the caller's umask applied.</summary>
    int Mkdir(string path, UnixFileMode mode);

    int Rmdir(string path);

    int Rename(string path, string newPath, FuseRenameOptions flags);

    /// <summary>Sets access and modification times; null means "leave unchanged".</summary>
    int Utimens(string path, DateTimeOffset? accessTime, DateTimeOffset? modificationTime, ulong? handle);

    int Chmod(string path, UnixFileMode mode, ulong? handle);

    int StatFs(string path, out FuseFileSystemStats stats);

    /// <summary>chown(2); uid or gid is uint.MaxValue when it is to be left unchanged. Unsupported unless overridden.</summary>
    int Chown(string path, uint uid, uint gid, ulong? handle) => -Native.Errno.ENOSYS;
}
