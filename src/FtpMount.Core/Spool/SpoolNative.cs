using System.Runtime.InteropServices;

namespace FtpMount.Core.Spool;

/// <summary>
/// The libc calls the spool needs and .NET does not offer: fsync(2) of a directory, so that a renamed journal entry
/// survives a power loss (.NET refuses to open a directory as a file). Names and signatures as in fcntl.h/unistd.h.
/// </summary>
internal static partial class SpoolNative
{
    private const string Library = "libc";

    private const int O_RDONLY = 0;

    /// <summary><c>int open(const char *pathname, int flags)</c>.</summary>
    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string pathname, int flags);

    /// <summary><c>int fsync(int fd)</c>.</summary>
    [LibraryImport(Library, SetLastError = true)]
    private static partial int fsync(int fd);

    /// <summary><c>int close(int fd)</c>.</summary>
    [LibraryImport(Library, SetLastError = true)]
    private static partial int close(int fd);

    /// <summary>
    /// Makes the directory's entries (a rename, a new file) durable. Windows has no equivalent for a directory
    /// handle opened this way; NTFS journals its metadata itself.
    /// </summary>
    public static void SyncDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = open(path, O_RDONLY);
        if (fd < 0)
        {
            throw new IOException($"Cannot open the folder {path} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (fsync(fd) != 0)
            {
                throw new IOException($"Syncing the folder {path} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = close(fd);
        }
    }
}
