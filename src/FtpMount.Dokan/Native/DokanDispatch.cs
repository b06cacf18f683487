using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FtpMount.Dokan.Native;

/// <summary>What every callback needs: its <see cref="DokanHost"/> (from DOKAN_OPTIONS.GlobalContext) and the exception barrier.</summary>
internal static unsafe class DokanDispatch
{
    public static DokanHost HostOf(DOKAN_FILE_INFO* info) => (DokanHost)GCHandle.FromIntPtr((nint)info->DokanOptions->GlobalContext).Target!;

    /// <summary>Reports an exception and answers STATUS_UNEXPECTED_IO_ERROR; must itself never throw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Fail(DokanHost? host, Exception exception, [CallerMemberName] string operation = "")
    {
        try
        {
            host?.OnCallbackException(operation, exception);
        }
        catch
        {
            // Nothing may unwind into dokan2.dll, not even a failing logger.
        }

        return (int)NtStatus.UnexpectedIoError;
    }
}
