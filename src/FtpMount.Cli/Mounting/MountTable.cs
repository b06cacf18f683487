using System.Text;

namespace FtpMount.Cli.Mounting;

/// <summary>
/// The mounts this process sees, from /proc/self/mountinfo (proc(5)): fields
/// <c>id parent major:minor root MOUNTPOINT options [optional…] - FSTYPE SOURCE superoptions</c>, with space, tab,
/// newline and backslash written as octal escapes (<c>\040</c>).
/// </summary>
internal static class MountTable
{
    public const string SelfMountInfo = "/proc/self/mountinfo";

    public static IReadOnlyList<MountEntry> Read(string mountInfoPath = SelfMountInfo) =>
        File.Exists(mountInfoPath) ? Parse(File.ReadAllText(mountInfoPath)) : [];

    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var separator = fields.Length < 7 ? -1 : Array.IndexOf(fields, "-", 6);
            if (separator < 0 || separator + 2 >= fields.Length)
            {
                continue;
            }

            entries.Add(new MountEntry(Unescape(fields[4]), Unescape(fields[separator + 1]), Unescape(fields[separator + 2]))
            {
                SuperOptions = separator + 3 < fields.Length ? Unescape(fields[separator + 3]) : string.Empty,
            });
        }

        return entries;
    }

    /// <summary>The entry mounted last at <paramref name="path"/> (the one visible), or null.</summary>
    public static MountEntry? Find(IReadOnlyList<MountEntry> entries, string path)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i].MountPoint == path)
            {
                return entries[i];
            }
        }

        return null;
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        // The kernel escapes only space, tab, newline and backslash: all ASCII, so one char per escape.
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                text.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
