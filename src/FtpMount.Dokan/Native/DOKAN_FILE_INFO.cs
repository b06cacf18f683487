using System.Runtime.InteropServices;

namespace FtpMount.Dokan.Native;

/// <summary>
/// <c>struct _DOKAN_FILE_INFO</c>, dokan/dokan.h of Dokan 2.3.1, l.180–222 (the same layout in 2.0.6, which still
/// calls <c>DeletePending</c> <c>DeleteOnClose</c>). 2.x added <c>ProcessingContext</c>. x64: 4×8 + 4 + 6×1 = 42,
/// padded to 48 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DOKAN_FILE_INFO
{
    internal const int Size = 48;

    /// <summary><c>ULONG64 Context</c>: ours is the id of the open handle in the adapter's table.</summary>
    internal ulong Context;

    /// <summary><c>ULONG64 DokanContext</c>: the library's; never written.</summary>
    internal ulong DokanContext;

    /// <summary><c>PDOKAN_OPTIONS DokanOptions</c>: the options passed to DokanCreateFileSystem.</summary>
    internal DOKAN_OPTIONS* DokanOptions;

    /// <summary><c>PVOID ProcessingContext</c>: the library's; never written.</summary>
    internal void* ProcessingContext;

    internal uint ProcessId;

    /// <summary><c>UCHAR IsDirectory</c>: set in ZwCreateFile when the object is a directory.</summary>
    internal byte IsDirectory;

    /// <summary><c>UCHAR DeletePending</c>: on the last Cleanup, the object must be deleted.</summary>
    internal byte DeletePending;

    internal byte PagingIo;

    internal byte SynchronousIo;

    internal byte Nocache;

    internal byte WriteToEndOfFile;
}
