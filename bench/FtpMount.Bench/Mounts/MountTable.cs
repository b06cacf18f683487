namespace FtpMount.Bench.Mounts;

/// <summary>Reads /proc/self/mountinfo to tell whether a directory is a mount point right now.</summary>
internal static class MountTable
{
    public static bool IsMounted(string mountPoint)
    {
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // Field 5 is the mount point, with space, tab, newline and backslash written as octal escapes.
            var fields = line.Split(' ', 6);
            if (fields.Length > 4 && Unescape(fields[4]) == mountPoint)
            {
                return true;
            }
        }

        return false;
    }

    private static string Unescape(string field) => field
        .Replace("\\040", " ", StringComparison.Ordinal)
        .Replace("\\011", "\t", StringComparison.Ordinal)
        .Replace("\\012", "\n", StringComparison.Ordinal)
        .Replace("\\134", "\\", StringComparison.Ordinal);
}
