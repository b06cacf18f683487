using System.Diagnostics;
using FtpMount.Testing.Native;

namespace FtpMount.Testing.Processes;

/// <summary>
/// Kills a daemon with every process it started: its descendants, plus anything still working in or
/// chrooted into its server folder (sessions whose parent already died). Each found process is stopped
/// first, so none can fork a new one between the scan and the SIGKILL.
/// </summary>
internal static class ProcessTreeKiller
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Returns the processes that were killed.</summary>
    internal static async Task<IReadOnlyCollection<int>> KillAsync(int? rootProcessId, string? ownedDirectory)
    {
        var victims = new HashSet<int>();
        for (int round = 0; round < 10; round++)
        {
            List<int> found = Scan(ProcessTable.Capture(), rootProcessId, ownedDirectory, victims);
            if (found.Count == 0)
            {
                break;
            }

            foreach (int pid in found)
            {
                _ = LibC.kill(pid, LibC.SIGSTOP);
                victims.Add(pid);
            }
        }

        foreach (int pid in victims)
        {
            _ = LibC.kill(pid, LibC.SIGKILL);
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            ProcessTable table = ProcessTable.Capture();
            int[] survivors = victims.Where(table.IsAlive).ToArray();
            if (survivors.Length == 0)
            {
                return victims;
            }

            if (clock.Elapsed > ExitDeadline)
            {
                throw new FtpTestServerException(
                    $"Processes {string.Join(", ", survivors)} survived SIGKILL for {ExitDeadline.TotalSeconds} s.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private static List<int> Scan(ProcessTable table, int? rootProcessId, string? ownedDirectory, HashSet<int> victims)
    {
        var found = new HashSet<int>();
        if (rootProcessId is { } root && table.IsAlive(root))
        {
            found.Add(root);
        }

        foreach (int member in victims.Concat(found).ToArray())
        {
            found.UnionWith(table.DescendantsOf(member));
        }

        if (ownedDirectory is not null)
        {
            foreach (int pid in table.ProcessIds)
            {
                if (table.IsAlive(pid) && ProcessTable.UsesDirectory(pid, ownedDirectory))
                {
                    found.Add(pid);
                }
            }
        }

        found.ExceptWith(victims);
        found.Remove(Environment.ProcessId);
        found.Remove(1);
        return [.. found.Where(table.IsAlive)];
    }
}
