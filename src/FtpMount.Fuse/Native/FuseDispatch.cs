using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Native;

/// <summary>What every callback needs: its <see cref="FuseHost"/>, its arguments in managed form, and the exception barrier.</summary>
internal static unsafe class FuseDispatch
{
    internal static FuseHost CurrentHost() => HostOf(LibFuse3.fuse_get_context()->private_data);

    internal static FuseHost HostOf(nint privateData) => (FuseHost)GCHandle.FromIntPtr(privateData).Target!;

    internal static string PathOf(byte* path) => path == null ? string.Empty : Marshal.PtrToStringUTF8((nint)path)!;

    internal static ulong? HandleOf(FuseFileInfo* fi) => fi == null ? null : fi->fh;

    internal static UnixFileMode Permissions(uint mode) => (UnixFileMode)(mode & 0xFFF);

    /// <summary>Reports an exception and turns it into -EIO; must itself never throw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Fail(FuseHost? host, Exception exception, [CallerMemberName] string operation = "")
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
