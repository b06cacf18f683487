using System.Globalization;

namespace FtpMount.Bench.Processes;

/// <summary>CPU time (user + system) a process has used so far, from /proc, and the shell's report of a child's.</summary>
internal static class ProcessCpu
{
    // /proc reports in USER_HZ, which the kernel's user-space ABI fixes at 100 on every architecture.
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of all threads of <paramref name="pid"/>; null once the process is gone.</summary>
    public static TimeSpan? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }

        // The command name, field 2, is in parentheses and may hold spaces: fields count from after its ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>
    /// A command line for /bin/sh that runs <c>"$@"</c> and then the shell's <c>times</c> on standard error, whose
    /// last line is the user and system time of the shell's children ("0m0.051s 0m0.312s"); the exit code is the
    /// command's.
    /// </summary>
    public static string[] TimedShell(string program, IEnumerable<string> arguments) =>
        ["-c", "\"$@\"; status=$?; times >&2; exit $status", "sh", program, .. arguments];

    /// <summary>The children's CPU time from the last line <see cref="TimedShell"/> wrote to standard error.</summary>
    public static TimeSpan ChildrenFromTimes(string standardError)
    {
        var last = standardError.TrimEnd().Split('\n')[^1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (last.Length != 2)
        {
            throw new CommandFailedException($"The shell's times gave no children's line: '{standardError.Trim()}'.");
        }

        return ShellDuration(last[0]) + ShellDuration(last[1]);
    }

    private static TimeSpan ShellDuration(string text)
    {
        // dash and bash both print <minutes>m<seconds>s, e.g. 0m0.312s or 1m2.500s.
        var minutes = text.IndexOf('m', StringComparison.Ordinal);
        if (minutes < 1 || !text.EndsWith('s'))
        {
            throw new CommandFailedException($"Unexpected duration from times: '{text}'.");
        }

        return TimeSpan.FromMinutes(int.Parse(text[..minutes], CultureInfo.InvariantCulture))
            + TimeSpan.FromSeconds(double.Parse(text[(minutes + 1)..^1], CultureInfo.InvariantCulture));
    }
}
