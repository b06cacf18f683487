using System.Security.Cryptography;
using System.Text;

namespace FtpMount.Cli.Status;

/// <summary>
/// Where a mount's status socket lives: a folder only its user can enter, one socket per mount point. In order:
/// <c>$XDG_RUNTIME_DIR/ftpmount</c> (a login session's or systemd --user's private runtime folder),
/// <c>/run/user/UID/ftpmount</c> when that folder exists but the variable is not set (su, cron, sudo -u),
/// <c>/run/ftpmount</c> for root, and <c>$TMPDIR/ftpmount-UID</c> (checked: ours, 0700) for a user without a runtime folder.
/// </summary>
internal static class StatusSocket
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Where the mount puts its socket folder.</summary>
    public static string DirectoryFor(Func<string, string?> environment) => Candidates(environment)[0];

    /// <summary>Every folder a mount of this user may have used, most likely first: status looks in each.</summary>
    public static IReadOnlyList<string> Candidates(Func<string, string?> environment) =>
        Candidates(environment, Native.LibC.geteuid(), Directory.Exists);

    internal static IReadOnlyList<string> Candidates(Func<string, string?> environment, uint uid, Func<string, bool> directoryExists)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var candidates = new List<string>(3);
        if (environment("XDG_RUNTIME_DIR") is { Length: > 1 } runtime && runtime[0] == '/' && directoryExists(runtime))
        {
            candidates.Add(Path.Combine(runtime, "ftpmount"));
        }

        var session = $"/run/user/{uid}";
        if (uid != 0 && directoryExists(session) && !candidates.Contains(Path.Combine(session, "ftpmount")))
        {
            candidates.Add(Path.Combine(session, "ftpmount"));
        }

        candidates.Add(uid == 0 ? "/run/ftpmount" : Path.Combine(Path.GetTempPath(), $"ftpmount-{uid}"));
        return candidates;
    }

    public static string FileName(string mountPoint) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(mountPoint).TrimEnd('/'))))[..16] + ".sock";

    public static string PathFor(string mountPoint, Func<string, string?> environment) =>
        Path.Combine(DirectoryFor(environment), FileName(mountPoint));

    /// <summary>The first candidate folder holding a socket for <paramref name="mountPoint"/>, or null.</summary>
    public static string? Find(string mountPoint, Func<string, string?> environment)
    {
        foreach (var directory in Candidates(environment))
        {
            var path = Path.Combine(directory, FileName(mountPoint));
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>
    /// Creates the socket folder 0700, or checks an existing one: a real folder (no symlink), which this user can
    /// make 0700. In a shared /tmp someone else may have made <c>/tmp/ftpmount-UID</c> first; chmod(2) works only
    /// for the owner, so such a folder is refused instead of used.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static void PrepareDirectory(string directory)
    {
        Directory.CreateDirectory(directory, Private);
        var info = new DirectoryInfo(directory);
        if (info.LinkTarget is not null)
        {
            throw new IOException($"{directory} is a symbolic link; the status socket needs a private folder.");
        }

        try
        {
            File.SetUnixFileMode(directory, Private);
        }
        catch (UnauthorizedAccessException)
        {
            throw new IOException($"{directory} belongs to another user; the status socket needs a private folder.");
        }
    }
}
