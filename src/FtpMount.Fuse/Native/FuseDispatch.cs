using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace FtpMount.Fuse.Native;

/// <summary>What every callback needs: its <see cref="FuseHost"/>, its arguments in managed form, and the exception barrier.</summary>
internal static unsafe class FuseDispatch
{
    internal static FuseHost CurrentHost() => HostOf(LibFuse3.fuse_get_context()->private_data);

    internal static FuseHost HostOf(nint privateData) => (FuseHost)GCHandle.FromIntPtr(privateData).Target!;

    /// <summary>The path as a string; throws <see cref="UndecodablePathException"/> (answered EILSEQ) for bytes that are not UTF-8.</summary>
    internal static string PathOf(byte* path)
    {
        if (path == null)
        {
            return string.Empty;
        }

        ReadOnlySpan<byte> bytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(path);
        return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : throw new UndecodablePathException();
    }

    internal static ulong? HandleOf(FuseFileInfo* fi) => fi == null ? null : fi->fh;

    internal static UnixFileMode Permissions(uint mode) => (UnixFileMode)(mode & 0xFFF);

    /// <summary>
    /// The mode of a create or mkdir as the caller's umask leaves it. The kernel masks it already unless the file
    /// system wants FUSE_CAP_DONT_MASK (libfuse 3 never asks for it by default, and the VFS masks before create on a
    /// mount without POSIX ACLs), and it sends the umask along since FUSE 7.12 (<c>fuse_get_context()->umask</c>):
    /// masking again is harmless if it was done and right if it was not.
    /// </summary>
    internal static UnixFileMode CreationMode(uint mode) => Permissions(mode & ~LibFuse3.fuse_get_context()->umask);

    /// <summary>Reports an exception and turns it into -EIO (-EILSEQ for a path that is not UTF-8); must itself never throw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Fail(FuseHost? host, Exception exception, [CallerMemberName] string operation = "")
    {
        if (exception is UndecodablePathException)
        {
            return -Errno.EILSEQ;
        }

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
