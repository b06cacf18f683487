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

    /// <summary>Registered only where libfuse forwards the flags (<see cref="FuseRelease.CachesListingsInKernel"/>).</summary>
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
    }
}
