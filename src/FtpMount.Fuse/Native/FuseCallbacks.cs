using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace FtpMount.Fuse.Native;

/// <summary>
/// The <c>struct fuse_operations</c> slots we fill: static <see cref="UnmanagedCallersOnly"/> entry points that
/// find their <see cref="FuseHost"/> through <c>fuse_get_context()->private_data</c> (a <see cref="GCHandle"/>) and
/// dispatch to its <see cref="IFuseFileSystem"/>. No exception may unwind into libfuse: each entry point catches
/// everything and answers -EIO.
/// </summary>
internal static unsafe class FuseCallbacks
{
    internal static FuseOperations CreateOperations() => new()
    {
        getattr = &GetAttr,
        readlink = &ReadLink,
        mkdir = &Mkdir,
        unlink = &Unlink,
        rmdir = &Rmdir,
        rename = &Rename,
        chmod = &Chmod,
        truncate = &Truncate,
        open = &Open,
        read = &Read,
        write = &Write,
        statfs = &StatFs,
        flush = &Flush,
        release = &Release,
        fsync = &Fsync,
        readdir = &ReadDir,
        init = &Init,
        destroy = &Destroy,
        create = &Create,
        utimens = &Utimens,
    };

    [UnmanagedCallersOnly]
    private static int GetAttr(byte* path, void* stat, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            int result = host.FileSystem.GetAttr(PathOf(path), out FuseAttributes attributes, HandleOf(fi));
            if (result == 0)
            {
                StatWriter.Write(stat, attributes);
            }

            return result;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int ReadLink(byte* path, byte* buffer, nuint size)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            int result = host.FileSystem.ReadLink(PathOf(path), out string target);
            if (result != 0 || size == 0)
            {
                return result;
            }

            // readlink's contract in fuse.h: NUL-terminated, truncated to fit the buffer.
            var destination = new Span<byte>(buffer, (int)Math.Min(size, int.MaxValue));
            byte[] utf8 = Encoding.UTF8.GetBytes(target ?? string.Empty);
            int length = Math.Min(utf8.Length, destination.Length - 1);
            utf8.AsSpan(0, length).CopyTo(destination);
            destination[length] = 0;
            return 0;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Mkdir(byte* path, uint mode)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Mkdir(PathOf(path), Permissions(mode));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Unlink(byte* path)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Unlink(PathOf(path));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Rmdir(byte* path)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Rmdir(PathOf(path));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Rename(byte* path, byte* newPath, uint flags)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Rename(PathOf(path), PathOf(newPath), (FuseRenameOptions)flags);
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Chmod(byte* path, uint mode, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Chmod(PathOf(path), Permissions(mode), HandleOf(fi));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Truncate(byte* path, long length, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Truncate(PathOf(path), length, HandleOf(fi));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Open(byte* path, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            var info = OpenInfoOf(fi);
            int result = host.FileSystem.Open(PathOf(path), ref info);
            if (result == 0)
            {
                Store(fi, info);
            }

            return result;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Create(byte* path, uint mode, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            var info = OpenInfoOf(fi);
            int result = host.FileSystem.Create(PathOf(path), Permissions(mode), ref info);
            if (result == 0)
            {
                Store(fi, info);
            }

            return result;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Read(byte* path, byte* buffer, nuint size, long offset, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            int length = (int)Math.Min(size, int.MaxValue);
            int result = host.FileSystem.Read(PathOf(path), new Span<byte>(buffer, length), offset, OpenInfoOf(fi));
            return result <= length ? result : -Errno.EIO;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Write(byte* path, byte* buffer, nuint size, long offset, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            int length = (int)Math.Min(size, int.MaxValue);
            int result = host.FileSystem.Write(PathOf(path), new ReadOnlySpan<byte>(buffer, length), offset, OpenInfoOf(fi));
            return result <= length ? result : -Errno.EIO;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int StatFs(byte* path, StatVfs* stat)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            int result = host.FileSystem.StatFs(PathOf(path), out FuseFileSystemStats stats);
            if (result == 0)
            {
                *stat = default;
                stat->f_bsize = stats.BlockSize;
                stat->f_frsize = stats.BlockSize;
                stat->f_blocks = stats.TotalBlocks;
                stat->f_bfree = stats.FreeBlocks;
                stat->f_bavail = stats.AvailableBlocks;
                stat->f_files = stats.TotalFiles;
                stat->f_ffree = stats.FreeFiles;
                stat->f_favail = stats.FreeFiles;
                stat->f_namemax = stats.MaxNameLength;
            }

            return result;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Flush(byte* path, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Flush(PathOf(path), OpenInfoOf(fi));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Release(byte* path, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Release(PathOf(path), OpenInfoOf(fi));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Fsync(byte* path, int dataSync, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Fsync(PathOf(path), dataSync != 0, OpenInfoOf(fi));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int ReadDir(
        byte* path,
        void* buffer,
        delegate* unmanaged<void*, byte*, void*, long, int, int> filler,
        long offset,
        FuseFileInfo* fi,
        int flags)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            var directoryFiller = new FuseDirectoryFiller((nint)buffer, (nint)filler, (flags & FuseFillDir.FUSE_READDIR_PLUS) != 0);
            return host.FileSystem.ReadDir(PathOf(path), directoryFiller);
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void* Init(FuseConnInfo* connection, FuseConfig* config)
    {
        // Whatever init returns becomes private_data for every later call, so hand back what fuse_new was given.
        nint privateData = LibFuse3.fuse_get_context()->private_data;
        FuseHost? host = null;
        try
        {
            host = HostOf(privateData);
            FuseMountOptions options = host.Options;
            config->entry_timeout = options.EntryTimeout.TotalSeconds;
            config->attr_timeout = options.AttributeTimeout.TotalSeconds;
            config->negative_timeout = options.NegativeTimeout.TotalSeconds;
            config->use_ino = 0;
            config->readdir_ino = 0;
            config->nullpath_ok = 0;
            config->hard_remove = options.HardRemove ? 1 : 0;
            config->set_uid = 1;
            config->uid = options.OwnerUid ?? LibC.geteuid();
            config->set_gid = 1;
            config->gid = options.OwnerGid ?? LibC.getegid();
            host.FileSystem.Init(new FuseConnectionInfo(
                connection->proto_major,
                connection->proto_minor,
                connection->max_write,
                connection->max_read,
                connection->max_readahead,
                connection->capable));
        }
        catch (Exception exception)
        {
            Fail(host, exception);
        }

        return (void*)privateData;
    }

    [UnmanagedCallersOnly]
    private static void Destroy(void* privateData)
    {
        FuseHost? host = null;
        try
        {
            host = HostOf((nint)privateData);
            host.FileSystem.Destroy();
        }
        catch (Exception exception)
        {
            Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Utimens(byte* path, Timespec* times, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();

            // A null tv[2] means "both now", as for utimensat(2).
            DateTimeOffset? access = times == null ? DateTimeOffset.UtcNow : times[0].ToRequestedTime();
            DateTimeOffset? modification = times == null ? DateTimeOffset.UtcNow : times[1].ToRequestedTime();
            return host.FileSystem.Utimens(PathOf(path), access, modification, HandleOf(fi));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    private static FuseHost CurrentHost() => HostOf(LibFuse3.fuse_get_context()->private_data);

    private static FuseHost HostOf(nint privateData) => (FuseHost)GCHandle.FromIntPtr(privateData).Target!;

    private static string PathOf(byte* path) => path == null ? string.Empty : Marshal.PtrToStringUTF8((nint)path)!;

    private static ulong? HandleOf(FuseFileInfo* fi) => fi == null ? null : fi->fh;

    private static UnixFileMode Permissions(uint mode) => (UnixFileMode)(mode & 0xFFF);

    private static FuseOpenInfo OpenInfoOf(FuseFileInfo* fi) => fi == null
        ? default
        : new FuseOpenInfo(fi->flags)
        {
            Handle = fi->fh,
            DirectIo = fi->DirectIo,
            KeepCache = fi->KeepCache,
            NonSeekable = fi->NonSeekable,
        };

    private static void Store(FuseFileInfo* fi, in FuseOpenInfo info)
    {
        fi->fh = info.Handle;
        fi->DirectIo = info.DirectIo;
        fi->KeepCache = info.KeepCache;
        fi->NonSeekable = info.NonSeekable;
    }

    /// <summary>Reports an exception and turns it into -EIO; must itself never throw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Fail(FuseHost? host, Exception exception, [CallerMemberName] string operation = "")
    {
        try
        {
            host?.OnCallbackException(operation, exception);
        }
        catch
        {
            // Nothing may unwind into libfuse, not even a failing logger.
        }

        return -Errno.EIO;
    }
}
