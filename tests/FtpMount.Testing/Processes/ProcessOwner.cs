using System.Globalization;

namespace FtpMount.Testing.Processes;

/// <summary>
/// A process identified by pid and start time, so a recycled pid is not mistaken for the same process.
/// Written as "pid starttime" into each server folder's owner file.
/// </summary>
internal readonly record struct ProcessOwner(int ProcessId, ulong StartTime)
{
    internal static ProcessOwner Current { get; } =
        new(Environment.ProcessId, ProcessTable.ReadStartTime(Environment.ProcessId) ?? 0);

    internal bool IsAlive => ProcessTable.ReadStartTime(ProcessId) == StartTime;

    internal static ProcessOwner? Parse(string text)
    {
        string[] parts = text.Trim().Split(' ');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start))
        {
            return new ProcessOwner(pid, start);
        }

        return null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ProcessId} {StartTime}");
}
