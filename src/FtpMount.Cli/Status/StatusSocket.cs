using System.Security.Cryptography;
using System.Text;

namespace FtpMount.Cli.Status;

/// <summary>Where a mount's status socket lives: a private folder of the user, one socket per mount point.</summary>
internal static class StatusSocket
{
    public static string DirectoryFor(Func<string, string?> environment)
    {
        if (environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            return Path.Combine(runtime, "ftpmount");
        }

        var uid = Native.LibC.geteuid();
        return uid == 0 ? "/run/ftpmount" : Path.Combine(Path.GetTempPath(), $"ftpmount-{uid}");
    }

    public static string PathFor(string mountPoint, Func<string, string?> environment)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(mountPoint).TrimEnd('/'))))[..16];
        return Path.Combine(DirectoryFor(environment), id + ".sock");
    }
}
