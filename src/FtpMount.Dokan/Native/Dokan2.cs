using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace FtpMount.Dokan.Native;

/// <summary>
/// Entry points of dokan2.dll (Dokan 2.x), declared as in dokan/dokan.h of Dokan 2.3.1. <c>DOKANAPI</c> is
/// <c>__stdcall</c>, the platform default that LibraryImport uses. <c>DOKAN_HANDLE</c> is <c>void*</c>.
/// </summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class Dokan2
{
    internal const string LibraryName = "dokan2.dll";

    /// <summary><c>INFINITE</c> for <see cref="DokanWaitForFileSystemClosed"/>.</summary>
    internal const uint INFINITE = 0xFFFFFFFF;

    /// <summary><c>VOID DokanInit()</c>: once per process before the first DokanCreateFileSystem.</summary>
    [LibraryImport(LibraryName)]
    internal static partial void DokanInit();

    /// <summary><c>VOID DokanShutdown()</c>: after the last file system of the process has closed.</summary>
    [LibraryImport(LibraryName)]
    internal static partial void DokanShutdown();

    /// <summary><c>int DokanCreateFileSystem(PDOKAN_OPTIONS, PDOKAN_OPERATIONS, DOKAN_HANDLE*)</c>: returns once mounted or failed (<see cref="DokanMainResult"/>).</summary>
    [LibraryImport(LibraryName)]
    internal static partial int DokanCreateFileSystem(DOKAN_OPTIONS* dokanOptions, DOKAN_OPERATIONS* dokanOperations, nint* dokanInstance);

    /// <summary><c>DWORD DokanWaitForFileSystemClosed(DOKAN_HANDLE, DWORD dwMilliseconds)</c>: WaitForSingleObject's result.</summary>
    [LibraryImport(LibraryName)]
    internal static partial uint DokanWaitForFileSystemClosed(nint dokanInstance, uint dwMilliseconds);

    /// <summary>
    /// <c>VOID DokanCloseHandle(DOKAN_HANDLE)</c> (dokan/dokan.c): DokanRemoveMountPoint on the instance's own
    /// <c>MountPoint</c> (which DokanStart updated to the letter the mount manager assigned), then waits until the
    /// file system has closed and frees the instance. DokanRemoveMountPoint itself is not bound: it takes a mount
    /// point, and the one we asked for may by then belong to another volume.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial void DokanCloseHandle(nint dokanInstance);

    /// <summary>
    /// <c>VOID DokanMapKernelToUserCreateFileFlags(ACCESS_MASK, ULONG FileAttributes, ULONG CreateOptions,
    /// ULONG CreateDisposition, ACCESS_MASK*, DWORD*, DWORD*)</c>. The host maps dispositions with
    /// <see cref="CreationDispositions.FromKernel"/> instead, the same table, so the code tested on Linux is the code that runs.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial void DokanMapKernelToUserCreateFileFlags(
        uint desiredAccess, uint fileAttributes, uint createOptions, uint createDisposition,
        uint* outDesiredAccess, uint* outFileAttributesAndFlags, uint* outCreationDisposition);

    /// <summary><c>NTSTATUS DokanNtStatusFromWin32(DWORD Error)</c>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int DokanNtStatusFromWin32(uint error);

    /// <summary><c>BOOL DokanResetTimeout(ULONG Timeout, PDOKAN_FILE_INFO)</c>: extends the deadline of the request being served.</summary>
    [LibraryImport(LibraryName)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool DokanResetTimeout(uint timeout, DOKAN_FILE_INFO* dokanFileInfo);
}
