using System.Text;

namespace FtpMount.Testing.Daemons;

/// <summary>Writes daemon config files: LF line ends, UTF-8 without BOM, owned by root with a chosen mode.</summary>
internal static class ConfigFile
{
    internal const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    internal const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    internal static string Write(string path, string contents, UnixFileMode mode = OwnerOnly)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The FTP test servers run on Linux only.");
        }

        File.WriteAllText(path, contents.ReplaceLineEndings("\n"), Utf8);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
