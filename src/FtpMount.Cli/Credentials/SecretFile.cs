using System.Globalization;
using System.Text;

namespace FtpMount.Cli.Credentials;

/// <summary>Reads files holding secrets, refusing those that group or others can read or change (as ssh does).</summary>
internal static class SecretFile
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Longest secret file read; a password file is one short line.</summary>
    private const int MaxBytes = 64 * 1024;

    /// <summary>Throws <see cref="CredentialException"/> if the file is missing, not a regular file or not private.</summary>
    public static void RequirePrivate(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new CredentialException(Directory.Exists(path)
                ? $"{what} {path} is a directory, not a file."
                : $"{what} {path} does not exist.");
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
            throw new CredentialException(
                $"{what} {path} is readable or writable by group or others (mode {octal}); refusing to use it. " +
                $"Run: chmod 600 {path}");
        }
    }

    /// <summary>The whole file as UTF-8 text, after <see cref="RequirePrivate"/>.</summary>
    public static string ReadPrivateText(string path, string what)
    {
        RequirePrivate(path, what);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaxBytes)
        {
            throw new CredentialException(
                $"{what} {path} is larger than {MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes; it should hold one password.");
        }

        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    /// <summary>The first line of the file without its line end; spaces are kept, they may be part of the password.</summary>
    public static string ReadFirstLine(string path, string what, bool checkMode = true)
    {
        var text = checkMode ? ReadPrivateText(path, what) : File.ReadAllText(path);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var line = end < 0 ? text : text[..end];
        return line.EndsWith('\r') ? line[..^1] : line;
    }
}
