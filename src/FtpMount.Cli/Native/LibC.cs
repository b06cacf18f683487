using System.Runtime.InteropServices;

namespace FtpMount.Cli.Native;

/// <summary>The few libc calls the command needs; names and signatures as in the C headers (unistd.h, signal.h, stdlib.h).</summary>
internal static partial class LibC
{
    private const string Library = "libc";

    public const int SIGTERM = 15;

    /// <summary><c>pid_t setsid(void)</c>: new session and process group, no controlling terminal.</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial int setsid();

    /// <summary><c>int kill(pid_t pid, int sig)</c>.</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial int kill(int pid, int sig);

    public const int R_OK = 4;
    public const int W_OK = 2;

    /// <summary><c>int access(const char *pathname, int mode)</c>: checks with the real uid, as fusermount3 does.</summary>
    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);

    /// <summary><c>uid_t geteuid(void)</c>.</summary>
    [LibraryImport(Library)]
    public static partial uint geteuid();

    /// <summary><c>char *realpath(const char *path, char *resolved_path)</c>; with NULL the result is malloc'ed.</summary>
    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint realpath(string path, nint resolvedPath);

    /// <summary><c>void free(void *ptr)</c>.</summary>
    [LibraryImport(Library)]
    public static partial void free(nint ptr);

    /// <summary>realpath(3) as a string, or null when the path cannot be resolved (errno in Marshal.GetLastPInvokeError).</summary>
    public static string? RealPath(string path)
    {
        var resolved = realpath(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }
}
