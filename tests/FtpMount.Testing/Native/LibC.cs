using System.Runtime.InteropServices;

namespace FtpMount.Testing.Native;

/// <summary>The few libc calls .NET has no API for. Names and signatures follow the C headers.</summary>
internal static partial class LibC
{
    /// <summary>SIGKILL on Linux (signal(7)).</summary>
    internal const int SIGKILL = 9;

    /// <summary>SIGSTOP on Linux x86-64 and arm64 (signal(7)).</summary>
    internal const int SIGSTOP = 19;

    /// <summary>int chown(const char *pathname, uid_t owner, gid_t group);</summary>
    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chown(string pathname, uint owner, uint group);

    /// <summary>int lchown(const char *pathname, uid_t owner, gid_t group);</summary>
    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lchown(string pathname, uint owner, uint group);

    /// <summary>int kill(pid_t pid, int sig);</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    /// <summary>char *realpath(const char *path, char *resolved_path); with a null buffer the result is malloc'd.</summary>
    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint realpath(string path, nint resolvedPath);

    /// <summary>void free(void *ptr);</summary>
    [LibraryImport("libc", EntryPoint = "free")]
    internal static partial void free(nint pointer);

    /// <summary>int truncate(const char *path, off_t length);</summary>
    [LibraryImport("libc", EntryPoint = "truncate", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int truncate(string path, long length);
}
