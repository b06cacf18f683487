using FtpMount.Bench.Mounts;
using FtpMount.Bench.Processes;
using FtpMount.Bench.Results;

namespace FtpMount.Bench.Workloads;

/// <summary>
/// <c>ls -lR</c> and <c>find</c> over the tree, each first on a fresh mount (cold), then again on the same mount
/// (warm), then a third time at once (hot). Warm follows a cold pass that may have outlasted the kernel's attribute
/// and entry timeouts (rclone's are 1 s), so only the hot pass has every cache warm on both sides. The output goes
/// to a file whose line count is checked, so an incomplete listing fails the step.
/// </summary>
internal sealed class TreeListing(BenchContext context) : IWorkload
{
    public string Key => "tree";

    public Task RunBaselineAsync(NetworkRun run, int repetition, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(NetworkRun run, MountTool tool, int repetition, CancellationToken cancellationToken)
    {
        await RunSeriesAsync(run, tool, repetition, "ls -lR \"$1\" > \"$2\"", [Metrics.LsCold, Metrics.LsWarm, Metrics.LsHot], CountLsLines, cancellationToken)
            .ConfigureAwait(false);
        await RunSeriesAsync(run, tool, repetition, "find \"$1\" > \"$2\"", [Metrics.FindCold, Metrics.FindWarm, Metrics.FindHot], CountFindLines, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="script"/> once per metric, in order, on one fresh mount.</summary>
    private async Task RunSeriesAsync(
        NetworkRun run,
        MountTool tool,
        int repetition,
        string script,
        Metric[] passes,
        Func<WorkloadSizes, int> expectedLines,
        CancellationToken cancellationToken)
    {
        await context.MakeColdAsync(cancellationToken, context.Server.Local(run.TreeName)).ConfigureAwait(false);
        var output = Path.Combine(context.ScratchRoot, "tree-listing.txt");
        var deadline = Deadlines.ForEntries(run.Sizes.TreeEntries);
        var mount = await context.MountAsync(tool, run, cancellationToken).ConfigureAwait(false);
        await using (mount.ConfigureAwait(false))
        {
            var tree = Path.Combine(mount.MountPoint, run.TreeName);
            foreach (var metric in passes)
            {
                var result = await CommandRunner.ShellAsync(script, [tree, output], deadline, cancellationToken).ConfigureAwait(false);
                var lines = File.ReadLines(output).Count();
                if (lines != expectedLines(run.Sizes))
                {
                    throw new CommandFailedException($"{metric.Key}: {lines} lines of output, expected {expectedLines(run.Sizes)}.");
                }

                context.Record(run, metric, tool.Key, repetition, result.Elapsed.TotalSeconds);
            }
        }

        File.Delete(output);
    }

    // find prints the root and one line per folder and file.
    private static int CountFindLines(WorkloadSizes s) => 1 + s.TreeEntries;

    // ls -lR: for the root, "tree:", "total N", one line per folder; for each folder, a blank line, "tree/dNNNN:",
    // "total N" and one line per file.
    private static int CountLsLines(WorkloadSizes s) => 2 + s.TreeDirectories + (s.TreeDirectories * (3 + s.TreeFilesPerDirectory));
}
