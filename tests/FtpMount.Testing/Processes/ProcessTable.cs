using System.Globalization;

namespace FtpMount.Testing.Processes;

/// <summary>
/// A snapshot of /proc: every process with its parent and state. Used to find the sessions a forking
/// daemon started (vsftpd, pure-ftpd and proftpd fork one or two processes per connection, and vsftpd's
/// call setsid(), so a process group does not catch them).
/// </summary>
internal sealed class ProcessTable
{
    private readonly Dictionary<int, Entry> _entries;

    private ProcessTable(Dictionary<int, Entry> entries)
    {
        _entries = entries;
    }

    internal IEnumerable<int> ProcessIds => _entries.Keys;

    internal static ProcessTable Capture()
    {
        var entries = new Dictionary<int, Entry>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && TryReadStat(pid) is { } stat)
            {
                entries[pid] = new Entry(stat.ParentId, stat.State);
            }
        }

        return new ProcessTable(entries);
    }

    /// <summary>Whether the process exists and is not a zombie waiting to be reaped.</summary>
    internal bool IsAlive(int pid) => _entries.TryGetValue(pid, out Entry entry) && entry.State is not ('Z' or 'X');

    /// <summary>The direct children of <paramref name="pid"/>, zombies included.</summary>
    internal List<int> ChildrenOf(int pid) =>
        [.. _entries.Where(entry => entry.Value.ParentId == pid).Select(entry => entry.Key)];

    /// <summary>Children, grandchildren and so on of <paramref name="pid"/>, not including it; zombies included.</summary>
    internal List<int> DescendantsOf(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach ((int child, Entry entry) in _entries)
        {
            if (!children.TryGetValue(entry.ParentId, out List<int>? list))
            {
                list = [];
                children[entry.ParentId] = list;
            }

            list.Add(child);
        }

        var result = new List<int>();
        var pending = new Stack<int>();
        pending.Push(pid);
        while (pending.Count > 0)
        {
            if (!children.TryGetValue(pending.Pop(), out List<int>? list))
            {
                continue;
            }

            foreach (int child in list)
            {
                result.Add(child);
                pending.Push(child);
            }
        }

        return result;
    }

    /// <summary>
    /// Whether the process works in, or is chrooted into, <paramref name="directory"/> or below. Every daemon
    /// starts with its server folder as working directory, and sessions chroot into its root/, so this finds
    /// a server's processes even after their parent died and they were re-parented.
    /// </summary>
    internal static bool UsesDirectory(int pid, string directory)
    {
        string prefix = directory.TrimEnd('/') + "/";
        return IsUnder(ReadLink($"/proc/{pid}/cwd"), prefix) || IsUnder(ReadLink($"/proc/{pid}/root"), prefix);

        static bool IsUnder(string? path, string prefix) =>
            path is not null && (path + "/").StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// The process's pid in its own (innermost) PID namespace: the last field of the NSpid line of
    /// /proc/pid/status. Null when the process is gone.
    /// </summary>
    internal static int? ReadNamespacePid(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        string? line = lines.FirstOrDefault(line => line.StartsWith("NSpid:", StringComparison.Ordinal));
        string? last = line?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out int inner) ? inner : null;
    }

    /// <summary>Field 22 of /proc/pid/stat (clock ticks since boot), or null when the process is gone.</summary>
    internal static ulong? ReadStartTime(int pid) => TryReadStat(pid)?.StartTime;

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Stat? TryReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so split after the last ')'.
        int close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        string[] fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int parent)
            || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start))
        {
            return null;
        }

        return new Stat(fields[0][0], parent, start);
    }

    private readonly record struct Entry(int ParentId, char State);

    private readonly record struct Stat(char State, int ParentId, ulong StartTime);
}
