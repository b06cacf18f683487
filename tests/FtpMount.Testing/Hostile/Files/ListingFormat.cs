using System.Globalization;
using System.Text;

namespace FtpMount.Testing.Hostile.Files;

/// <summary>How entries are written: RFC 3659 fact lines for MLSD/MLST, <c>ls -l</c> lines for LIST, names for NLST.</summary>
internal static class ListingFormat
{
    private const string TimeVal = "yyyyMMddHHmmss";

    /// <summary><c>type=file;size=5;modify=20240102030405;UNIX.mode=0644</c> (RFC 3659 §7.5), or the entry's raw facts.</summary>
    public static string Facts(ListedEntry entry)
    {
        if (entry.RawFacts is { } raw)
        {
            return raw;
        }

        var facts = new StringBuilder("type=");
        facts.Append(entry.Type switch
        {
            ListedEntryType.Directory => "dir",
            ListedEntryType.Symlink when entry.LinkTarget is { } target => "OS.unix=slink:" + target,
            ListedEntryType.Symlink => "OS.unix=symlink",
            _ => "file",
        });
        if (entry.Size is { } size)
        {
            facts.Append(CultureInfo.InvariantCulture, $";size={size}");
        }

        if (entry.Modified is { } modified)
        {
            facts.Append(";modify=").Append(modified.UtcDateTime.ToString(TimeVal, CultureInfo.InvariantCulture));
        }

        if (entry.Mode is { } mode)
        {
            facts.Append(";UNIX.mode=").Append(Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0'));
        }

        return facts.ToString();
    }

    public static string MlsdLine(ListedEntry entry) => Facts(entry) + "; " + entry.Name + "\r\n";

    public static string NameLine(ListedEntry entry) => entry.Name + "\r\n";

    /// <summary>A Unix <c>ls -l</c> line as vsftpd writes it; dates within half a year show the time, older ones the year.</summary>
    public static string ListLine(ListedEntry entry, DateTimeOffset now)
    {
        if (entry.RawListLine is { } raw)
        {
            return raw + "\r\n";
        }

        var mode = entry.Mode ?? (entry.Type == ListedEntryType.Directory ? 0x1ED : 0x1A4);
        var modified = (entry.Modified ?? DateTimeOffset.UnixEpoch).UtcDateTime;
        var recent = modified <= now.UtcDateTime.AddDays(1) && modified > now.UtcDateTime.AddDays(-180);
        var date = modified.ToString(recent ? "MMM dd HH:mm" : "MMM dd  yyyy", CultureInfo.InvariantCulture);
        var name = entry.Type == ListedEntryType.Symlink && entry.LinkTarget is { } target ? entry.Name + " -> " + target : entry.Name;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{TypeLetter(entry.Type)}{Permissions(mode)}    1 ftp      ftp      {entry.Size ?? 0,12} {date} {name}\r\n");
    }

    private static char TypeLetter(ListedEntryType type) => type switch
    {
        ListedEntryType.Directory => 'd',
        ListedEntryType.Symlink => 'l',
        _ => '-',
    };

    /// <summary><c>rwsr-xr-x</c> and friends: setuid/setgid/sticky shown in the execute columns, as ls(1) does.</summary>
    private static string Permissions(int mode)
    {
        Span<char> text = stackalloc char[9];
        for (var i = 0; i < 3; i++)
        {
            var bits = (mode >> (6 - (3 * i))) & 7;
            text[3 * i] = (bits & 4) != 0 ? 'r' : '-';
            text[(3 * i) + 1] = (bits & 2) != 0 ? 'w' : '-';
            var execute = (bits & 1) != 0;
            var special = (mode & (0x800 >> i)) != 0;
            text[(3 * i) + 2] = (special, execute, i) switch
            {
                (true, true, 2) => 't',
                (true, false, 2) => 'T',
                (true, true, _) => 's',
                (true, false, _) => 'S',
                (false, true, _) => 'x',
                _ => '-',
            };
        }

        return new string(text);
    }
}
