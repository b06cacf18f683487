using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace FtpMount.Core.ReadCache;

/// <summary>
/// posix_fadvise(2) for the cache's data files, which .NET does not offer: reads served from the cache arrive one
/// FUSE request at a time (128 KiB), and without a hint each waits for the disk; WILLNEED starts the kernel reading
/// the next megabytes at once, as its read-ahead does for a local file read in order. Names as in fcntl.h.
/// </summary>
internal static partial class ReadCacheNative
{
    private const int POSIX_FADV_WILLNEED = 3;

    /// <summary><c>int posix_fadvise(int fd, off_t offset, off_t len, int advice)</c>; returns an errno, never sets it.</summary>
    [LibraryImport("libc")]
    private static partial int posix_fadvise(int fd, long offset, long len, int advice);

    /// <summary>Asks the kernel to start reading [offset, offset + length) into the page cache; a hint only, failures ignored.</summary>
    public static void WillNeed(SafeFileHandle file, long offset, long length)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            _ = posix_fadvise((int)file.DangerousGetHandle(), offset, length, POSIX_FADV_WILLNEED);
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }
}
