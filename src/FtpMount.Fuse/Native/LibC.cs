using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Native;

/// <summary>The few glibc functions the FUSE layer needs (Debian: libc.so.6).</summary>
internal static unsafe partial class LibC
{
    private const string LibraryName = "libc.so.6";

    [LibraryImport(LibraryName, EntryPoint = "geteuid")]
    internal static partial uint geteuid();

    [LibraryImport(LibraryName, EntryPoint = "getegid")]
    internal static partial uint getegid();

    [LibraryImport(LibraryName, EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int statvfs(string path, StatVfs* buf);

    /// <summary><c>int ioctl(int fd, unsigned long request, void *arg)</c>, the one form the FUSE device takes.</summary>
    [LibraryImport(LibraryName, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int ioctl(int fd, nuint request, void* argument);
}
