namespace FtpMount.Bench.Results;

/// <summary>Counts lines of interest in the mount logs, whose names say "NNN-tool-network-workload.log".</summary>
internal static class MountLogSummary
{
    public static IReadOnlyDictionary<(string Network, string Workload), int> CountLines(string logDirectory, string tool, string text)
    {
        var counts = new SortedDictionary<(string Network, string Workload), int>();
        if (!Directory.Exists(logDirectory))
        {
            return counts;
        }

        foreach (var file in Directory.EnumerateFiles(logDirectory, $"*-{tool}-*.log"))
        {
            var parts = Path.GetFileNameWithoutExtension(file).Split('-');
            if (parts.Length != 4 || parts[1] != tool)
            {
                continue;
            }

            var lines = File.ReadLines(file).Count(line => line.Contains(text, StringComparison.Ordinal));
            if (lines > 0)
            {
                var key = (parts[2], parts[3]);
                counts[key] = counts.GetValueOrDefault(key) + lines;
            }
        }

        return counts;
    }
}
