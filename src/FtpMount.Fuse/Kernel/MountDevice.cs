using System.Text;

namespace FtpMount.Fuse.Kernel;

/// <summary>
/// Finds the device number ("major:minor") the kernel gave a FUSE mount, from /proc/self/mountinfo (proc(5)):
/// "ID PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS". Reading the table
/// sends no request to the mount, so it is safe while the mount's own loop is busy or not yet serving.
/// </summary>
internal static class MountDevice
{
    internal const string SelfMountInfo = "/proc/self/mountinfo";

    /// <summary>The device of the last (topmost) FUSE mount on <paramref name="mountPoint"/>, or null.</summary>
    internal static string? Find(string mountInfo, string mountPoint)
    {
        string? device = null;
        foreach (string line in mountInfo.Split('\n'))
        {
            string[] fields = line.Split(' ');
            int separator = fields.Length > 6 ? Array.IndexOf(fields, "-", 6) : -1;
            if (separator < 0 || separator + 1 >= fields.Length)
            {
                continue;
            }

            if (fields[separator + 1].StartsWith("fuse", StringComparison.Ordinal) && Unescape(fields[4]) == mountPoint)
            {
                device = fields[2];
            }
        }

        return device;
    }

    /// <summary>mountinfo writes space, tab, newline and backslash in paths as three-digit octal escapes.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(ReadOnlySpan<char> digits) => !digits.ContainsAnyExceptInRange('0', '7');
}
