using System.Globalization;
using FtpMount.Testing.Hostile.Files;

namespace FtpMount.Testing.Hostile.Commands;

/// <summary>Commands on one name: SIZE, MDTM, MFMT, DELE, RNFR/RNTO, MKD, RMD, SITE CHMOD.</summary>
internal static class FileCommands
{
    private const string TimeVal = "yyyyMMddHHmmss";

    public static ValueTask SizeAsync(FtpCommandContext c) =>
        FileAt(c) is { } file
            ? c.ReplyAsync(string.Create(CultureInfo.InvariantCulture, $"213 {new FileInfo(file).Length}"))
            : c.ReplyAsync("550 Could not get file size.");

    public static ValueTask MdtmAsync(FtpCommandContext c) =>
        FileAt(c) is { } file
            ? c.ReplyAsync("213 " + File.GetLastWriteTimeUtc(file).ToString(TimeVal, CultureInfo.InvariantCulture))
            : c.ReplyAsync("550 Could not get file modification time.");

    /// <summary>draft-somers-ftp-mfxx: <c>MFMT YYYYMMDDHHMMSS path</c>.</summary>
    public static ValueTask MfmtAsync(FtpCommandContext c)
    {
        var stamp = c.Argument.Split(' ', 2)[0];
        if (!DateTime.TryParseExact(stamp, TimeVal, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return c.ReplyAsync("501 Bad time value.");
        }

        if (c.Path is not { } path || c.Server.Files.Follow(path) is not { } local || !LocalEntries.Exists(local))
        {
            return c.ReplyAsync("550 No such file.");
        }

        File.SetLastWriteTimeUtc(local, time);
        return c.ReplyAsync($"213 Modify={stamp}; {path}");
    }

    public static ValueTask DeleAsync(FtpCommandContext c)
    {
        if (Itself(c) is not { } local || !LocalEntries.Exists(local) || IsRealDirectory(local))
        {
            return c.ReplyAsync("550 Delete operation failed.");
        }

        return TryAsync(c, () => File.Delete(local), "250 Delete operation successful.", "550 Delete operation failed.");
    }

    public static ValueTask RnfrAsync(FtpCommandContext c)
    {
        if (Itself(c) is not { } local || !LocalEntries.Exists(local))
        {
            c.SessionState.RenameFrom = null;
            return c.ReplyAsync("550 RNFR command failed.");
        }

        c.SessionState.RenameFrom = c.Path;
        return c.ReplyAsync("350 Ready for RNTO.");
    }

    /// <summary>Like rename(2), as vsftpd and proftpd do: an existing file under the new name is replaced.</summary>
    public static ValueTask RntoAsync(FtpCommandContext c)
    {
        var from = c.SessionState.RenameFrom;
        c.SessionState.RenameFrom = null;
        if (from is null)
        {
            return c.ReplyAsync("503 RNFR required first.");
        }

        if (c.Server.Files.Itself(from) is not { } source || Itself(c) is not { } target || !LocalEntries.Exists(source))
        {
            return c.ReplyAsync("550 Rename failed.");
        }

        return TryAsync(
            c,
            () =>
            {
                if (IsRealDirectory(source))
                {
                    Directory.Move(source, target);
                }
                else
                {
                    File.Move(source, target, overwrite: true);
                }
            },
            "250 Rename successful.",
            "550 Rename failed.");
    }

    public static ValueTask MkdAsync(FtpCommandContext c)
    {
        if (Itself(c) is not { } local || LocalEntries.Exists(local) || c.Path is not { } path)
        {
            return c.ReplyAsync("550 Create directory operation failed.");
        }

        return TryAsync(
            c,
            () => Directory.CreateDirectory(local),
            $"257 \"{path.Replace("\"", "\"\"", StringComparison.Ordinal)}\" created",
            "550 Create directory operation failed.");
    }

    public static ValueTask RmdAsync(FtpCommandContext c)
    {
        if (Itself(c) is not { } local || !IsRealDirectory(local) || c.Path == ServerPaths.Root)
        {
            return c.ReplyAsync("550 Remove directory operation failed.");
        }

        return TryAsync(c, () => Directory.Delete(local), "250 Remove directory operation successful.", "550 Remove directory operation failed.");
    }

    /// <summary>SITE CHMOD mode path, as vsftpd, proftpd and pure-ftpd offer it.</summary>
    public static ValueTask SiteAsync(FtpCommandContext c)
    {
        var words = c.Argument.Split(' ', 3);
        if (!words[0].Equals("CHMOD", StringComparison.OrdinalIgnoreCase))
        {
            return c.ReplyAsync("500 Unknown SITE command.");
        }

        if (words.Length < 3 || !TryParseOctal(words[1], out var mode))
        {
            return c.ReplyAsync("501 SITE CHMOD needs a mode and a path.");
        }

        if (c.Path is not { } path || c.Server.Files.Follow(path) is not { } local || !LocalEntries.Exists(local))
        {
            return c.ReplyAsync("550 SITE CHMOD command failed.");
        }

        return TryAsync(c, () => File.SetUnixFileMode(local, (UnixFileMode)mode), "200 SITE CHMOD command ok.", "550 SITE CHMOD command failed.");
    }

    private static string? FileAt(FtpCommandContext c) =>
        c.Path is { } path && c.Server.Files.Follow(path) is { } local && File.Exists(local) ? local : null;

    private static string? Itself(FtpCommandContext c) => c.Path is { } path ? c.Server.Files.Itself(path) : null;

    private static bool IsRealDirectory(string local) => Directory.Exists(local) && new FileInfo(local).LinkTarget is null;

    private static bool TryParseOctal(string text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 4)
        {
            return false;
        }

        foreach (var digit in text)
        {
            if (digit is < '0' or > '7')
            {
                return false;
            }

            value = (value * 8) + (digit - '0');
        }

        return true;
    }

    private static ValueTask TryAsync(FtpCommandContext c, Action change, string success, string failure)
    {
        try
        {
            change();
            return c.ReplyAsync(success);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return c.ReplyAsync(failure);
        }
    }
}
