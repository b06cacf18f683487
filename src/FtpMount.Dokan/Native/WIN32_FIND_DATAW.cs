using System.Runtime.InteropServices;

namespace FtpMount.Dokan.Native;

/// <summary>
/// <c>WIN32_FIND_DATAW</c> (minwinbase.h), handed to Dokan's <c>PFillFindData</c> for each directory entry.
/// The <c>_MAC</c>-only trailing fields do not exist on Windows. 4 + 3×8 + 4×4 = 44 bytes before
/// <c>cFileName[MAX_PATH]</c> (520 bytes) and <c>cAlternateFileName[14]</c> (28 bytes): 592 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
internal unsafe struct WIN32_FIND_DATAW
{
    internal const int Size = 592;

    /// <summary><c>MAX_PATH</c>; the name and its terminating NUL must fit.</summary>
    internal const int MAX_PATH = 260;

    internal uint dwFileAttributes;
    internal FILETIME ftCreationTime;
    internal FILETIME ftLastAccessTime;
    internal FILETIME ftLastWriteTime;
    internal uint nFileSizeHigh;
    internal uint nFileSizeLow;
    internal uint dwReserved0;
    internal uint dwReserved1;
    internal fixed char cFileName[MAX_PATH];
    internal fixed char cAlternateFileName[14];
}
