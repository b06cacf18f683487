using System.Runtime.InteropServices;

namespace FtpMount.Testing.Native;

/// <summary>Calls on a path that .NET makes only through an open handle.</summary>
public static class UnixPath
{
    /// <summary>truncate(2): resizes the file by its name, with no descriptor of the caller's open on it.</summary>
    public static void Truncate(string path, long length)
    {
        if (LibC.truncate(path, length) != 0)
        {
            throw new IOException($"truncate({path}, {length}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
