using System.Globalization;
using FtpMount.Bench.Processes;

namespace FtpMount.Bench.Workloads;

/// <summary>Checks dd's closing "N bytes (...) copied" line, so a short read or write fails the step instead of looking fast.</summary>
internal static class DdOutput
{
    public static void RequireBytes(CommandResult result, long expected)
    {
        foreach (var line in result.StandardError.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line.Contains("copied", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                if (bytes != expected)
                {
                    throw new CommandFailedException($"dd moved {bytes} bytes, expected {expected}.");
                }

                return;
            }
        }

        throw new CommandFailedException($"dd printed no byte count: {CommandRunner.Tail(result.StandardError, 300)}");
    }
}
