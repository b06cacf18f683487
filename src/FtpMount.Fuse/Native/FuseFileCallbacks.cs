using System.Runtime.InteropServices;
using static FtpMount.Fuse.Native.FuseDispatch;

namespace FtpMount.Fuse.Native;

/// <summary>
/// The operations on an open file: open and create hand out a handle (<c>fi->fh</c>) that every later call
/// receives. Entry points are referenced from <see cref="FuseCallbacks.CreateOperations"/>.
/// </summary>
internal static unsafe class FuseFileCallbacks
{
    [UnmanagedCallersOnly]
    internal static int Open(byte* path, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            host.RaiseReadAheadOnce();
            var info = OpenInfoOf(host, fi);
            int result = host.FileSystem.Open(PathOf(path), ref info);
            if (result == 0)
            {
                Store(host, fi, info);
            }

            return result;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    internal static int Create(byte* path, uint mode, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            host.RaiseReadAheadOnce();
            var info = OpenInfoOf(host, fi);
            int result = host.FileSystem.Create(PathOf(path), CreationMode(mode), ref info);
            if (result == 0)
            {
                Store(host, fi, info);
            }

            return result;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    /// <summary>
    /// The flags reach the kernel through libfuse from 3.16.1 on, through <see cref="OpenDirFlagRelay"/> before.
    /// </summary>
    [UnmanagedCallersOnly]
    internal static int OpenDir(byte* path, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            var info = OpenInfoOf(host, fi);
            int result = host.FileSystem.OpenDir(PathOf(path), ref info);
            if (result == 0)
            {
                // fh stays libfuse's: the high-level readdir finds its own directory handle through it.
                FuseFileInfoBits bits = host.Release.FileInfoBits;
                fi->Set(bits.KeepCache, info.KeepCache);
                fi->Set(bits.CacheReaddir, info.CacheListing);
                OpenDirFlagRelay.Forward(fi, bits);
            }

            return result;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    internal static int Read(byte* path, byte* buffer, nuint size, long offset, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            int length = (int)Math.Min(size, int.MaxValue);
            int result = host.FileSystem.Read(PathOf(path), new Span<byte>(buffer, length), offset, OpenInfoOf(host, fi));
            return result <= length ? result : -Errno.EIO;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    /// <summary>
    /// <c>int (*read_buf)(const char*, struct fuse_bufvec **bufp, size_t size, off_t off, struct fuse_file_info*)</c>:
    /// the file system reads into memory of its own (<see cref="FuseReadBuffer"/>) and libfuse writes the reply from
    /// it and frees it, where <c>read</c> has libfuse allocate a buffer per request that we copy into. Every release
    /// from 3.10 on prefers it to <c>read</c> (fuse_fs_read_buf).
    /// </summary>
    [UnmanagedCallersOnly]
    internal static int ReadBuf(byte* path, FuseBufVec** bufp, nuint size, long offset, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            string name = PathOf(path);
            FuseOpenInfo info = OpenInfoOf(host, fi);
            return ReadInto(host.FileSystem, name, bufp, (int)Math.Min(size, int.MaxValue), offset, info);
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    /// <summary>The body of <see cref="ReadBuf"/> past the native arguments; on success <c>*bufp</c> owns the bytes.</summary>
    internal static int ReadInto(IFuseFileSystem fileSystem, string path, FuseBufVec** bufp, int length, long offset, FuseOpenInfo info)
    {
        var buffer = new FuseReadBuffer(length);
        int result;
        try
        {
            result = fileSystem.ReadInto(path, buffer, offset, info);
        }
        catch
        {
            buffer.Abandon();
            throw;
        }

        if (result < 0 || result > length)
        {
            buffer.Abandon();
            return result < 0 ? result : -Errno.EIO;
        }

        var vector = (FuseBufVec*)NativeMemory.AllocZeroed(FuseBufVec.AllocationSize);
        byte* memory = buffer.HandOver();
        if (memory == null)
        {
            // A count came back while the read still writes into the memory: nothing of it may be sent.
            NativeMemory.Free(vector);
            buffer.Abandon();
            return -Errno.EIO;
        }

        vector->count = 1;
        vector->buf.size = (nuint)result;
        vector->buf.mem = memory;
        *bufp = vector;
        return 0;
    }

    [UnmanagedCallersOnly]
    internal static int Write(byte* path, byte* buffer, nuint size, long offset, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            int length = (int)Math.Min(size, int.MaxValue);
            int result = host.FileSystem.Write(PathOf(path), new ReadOnlySpan<byte>(buffer, length), offset, OpenInfoOf(host, fi));
            return result <= length ? result : -Errno.EIO;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    internal static int Flush(byte* path, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Flush(PathOf(path), OpenInfoOf(host, fi));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    internal static int Release(byte* path, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Release(PathOf(path), OpenInfoOf(host, fi));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    internal static int Fsync(byte* path, int dataSync, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Fsync(PathOf(path), dataSync != 0, OpenInfoOf(host, fi));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    private static FuseOpenInfo OpenInfoOf(FuseHost host, FuseFileInfo* fi)
    {
        if (fi == null)
        {
            return default;
        }

        FuseFileInfoBits bits = host.Release.FileInfoBits;
        return new FuseOpenInfo(fi->flags)
        {
            Handle = fi->fh,
            DirectIo = fi->Has(bits.DirectIo),
            KeepCache = fi->Has(bits.KeepCache),
            NonSeekable = fi->Has(bits.NonSeekable),
        };
    }

    private static void Store(FuseHost host, FuseFileInfo* fi, in FuseOpenInfo info)
    {
        FuseFileInfoBits bits = host.Release.FileInfoBits;
        fi->fh = info.Handle;
        fi->Set(bits.DirectIo, info.DirectIo);
        fi->Set(bits.KeepCache, info.KeepCache);
        fi->Set(bits.NonSeekable, info.NonSeekable);
        if (host.Release.HasPassthrough)
        {
            // fill_open turns a positive backing_id into FOPEN_PASSTHROUGH; before 3.17 these bytes are padding.
            fi->backing_id = info.BackingId;
        }
    }
}
