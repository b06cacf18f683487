using System.Runtime.InteropServices;

namespace FtpMount.Dokan.Native;

/// <summary>
/// <c>BY_HANDLE_FILE_INFORMATION</c> (fileapi.h), filled by the GetFileInformation callback
/// (dokan/dokan.h: <c>LPBY_HANDLE_FILE_INFORMATION Buffer</c>). Only DWORDs and FILETIMEs (alignment 4):
/// 4 + 3×8 + 6×4 = 52 bytes on every Windows target.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BY_HANDLE_FILE_INFORMATION
{
    internal const int Size = 52;

    internal uint dwFileAttributes;
    internal FILETIME ftCreationTime;
    internal FILETIME ftLastAccessTime;
    internal FILETIME ftLastWriteTime;
    internal uint dwVolumeSerialNumber;
    internal uint nFileSizeHigh;
    internal uint nFileSizeLow;
    internal uint nNumberOfLinks;
    internal uint nFileIndexHigh;
    internal uint nFileIndexLow;
}
