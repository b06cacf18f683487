using System.Runtime.InteropServices;
using System.Text;
using static FtpMount.Fuse.Native.FuseDispatch;

namespace FtpMount.Fuse.Native;

/// <summary>
/// The <c>struct fuse_operations</c> table and its path operations: static <see cref="UnmanagedCallersOnly"/> entry
/// points that find their <see cref="FuseHost"/> through <c>fuse_get_context()->private_data</c> (a
/// <see cref="GCHandle"/>) and dispatch to its <see cref="IFuseFileSystem"/>. No exception may unwind into libfuse:
/// each entry point catches everything and answers -EIO (<see cref="FuseDispatch.Fail"/>). Operations on an open
/// file are in <see cref="FuseFileCallbacks"/>.
/// </summary>
internal static unsafe class FuseCallbacks
{
    /// <summary>
    /// The table, the same for every release. opendir is ours with every release too: its caching choices reach the
    /// kernel through libfuse from 3.16.1, through <see cref="OpenDirFlagRelay"/> before.
    /// </summary>
    internal static FuseOperations CreateOperations() => new()
    {
        getattr = &GetAttr,
        readlink = &ReadLink,
        mkdir = &Mkdir,
        unlink = &Unlink,
        rmdir = &Rmdir,
        rename = &Rename,
        chmod = &Chmod,
        chown = (nint)(delegate* unmanaged<byte*, uint, uint, FuseFileInfo*, int>)&Chown,
        truncate = &Truncate,
        open = &FuseFileCallbacks.Open,
        read = &FuseFileCallbacks.Read,
        read_buf = &FuseFileCallbacks.ReadBuf,
        write = &FuseFileCallbacks.Write,
        statfs = &StatFs,
        flush = &FuseFileCallbacks.Flush,
        release = &FuseFileCallbacks.Release,
        fsync = &FuseFileCallbacks.Fsync,
        opendir = &FuseFileCallbacks.OpenDir,
        readdir = &ReadDir,
        init = &Init,
        destroy = &Destroy,
        create = &FuseFileCallbacks.Create,
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
            return host.FileSystem.Mkdir(PathOf(path), CreationMode(mode));
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
    private static int Chown(byte* path, uint uid, uint gid, FuseFileInfo* fi)
    {
        FuseHost? host = null;
        try
        {
            host = CurrentHost();
            return host.FileSystem.Chown(PathOf(path), uid, gid, HandleOf(fi));
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
            return host.FileSystem.ReadDir(PathOf(path), new FuseDirectoryFiller((nint)buffer, (nint)filler));
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
            config->hard_remove = options.HardRemove ? 1 : 0;
            config->set_uid = 1;
            config->uid = options.OwnerUid ?? LibC.geteuid();
            config->set_gid = 1;
            config->gid = options.OwnerGid ?? LibC.getegid();
            FusePassthrough? passthrough = null;
            string? unavailable = options.Passthrough ? FusePassthroughNegotiation.Negotiate(host.Release, options, connection, out passthrough) : null;
            host.FileSystem.Init(new FuseConnectionInfo(
                connection->proto_major,
                connection->proto_minor,
                connection->max_write,
                connection->max_read,
                connection->max_readahead,
                connection->capable)
            {
                Passthrough = passthrough,
                PassthroughUnavailable = unavailable,
            });
            host.OnInitialized();
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
}
