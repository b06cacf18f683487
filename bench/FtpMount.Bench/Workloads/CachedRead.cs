using FtpMount.Bench.Mounts;
using FtpMount.Bench.Processes;
using FtpMount.Bench.Results;

namespace FtpMount.Bench.Workloads;

/// <summary>
/// The persistent read cache (issue 15): <c>dd if=big.bin of=/dev/null bs=1M</c> with ftpmount <c>-o cache=full</c>
/// and rclone <c>--vfs-cache-mode full</c>, each with its own cache folder kept for the step: the first read on a
/// fresh mount and an empty cache, a second read on the same mount, then, after unmounting and dropping the page
/// cache, a read on a new mount over the same cache folder. The baseline is the same file read from local disk
/// with a cold page cache, the goal for the read after the remount: a copy written just before, beside the cache
/// folders, because a cache's file is always freshly written, and on a virtual machine a freshly written file may still
/// sit in the host's cache while an old one (the server's input) comes from the host's disk (600 MB/s against 5 GB/s
/// on the bench machine), which would compare two different disks.
/// </summary>
internal sealed class CachedRead(BenchContext context) : IWorkload
{
    public string Key => "cache";

    public async Task RunBaselineAsync(NetworkRun run, int repetition, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.ScratchRoot);
        var localCopy = Path.Combine(context.ScratchRoot, "local-disk-copy.bin");
        await CommandRunner.RunCheckedAsync(
            "dd", ["if=" + run.ServerBigFile, "of=" + localCopy, "bs=1M", "conv=fsync"], Deadlines.ForBytes(run.Sizes.BigFileBytes), cancellationToken)
            .ConfigureAwait(false);
        await context.MakeColdAsync(cancellationToken).ConfigureAwait(false);
        var megabytesPerSecond = await ReadAsync(run, localCopy, cancellationToken).ConfigureAwait(false);
        File.Delete(localCopy);
        foreach (var metric in new[] { Metrics.CachedReadFirst, Metrics.CachedReadSecond, Metrics.CachedReadRemount })
        {
            context.Record(run, metric, "direct", repetition, megabytesPerSecond);
        }
    }

    public async Task RunAsync(NetworkRun run, MountTool tool, int repetition, CancellationToken cancellationToken)
    {
        // Under the scratch root, which the run clears after the step: every step starts with an empty cache.
        var cacheDirectory = Path.Combine(context.ScratchRoot, $"read-cache-{tool.Key}");
        if (tool.WithFullCache(cacheDirectory) is not { } cached)
        {
            return;
        }

        Directory.CreateDirectory(cacheDirectory);
        await context.MakeColdAsync(cancellationToken, run.ServerBigFile).ConfigureAwait(false);
        var mount = await context.MountAsync(cached, run, cancellationToken).ConfigureAwait(false);
        await using (mount.ConfigureAwait(false))
        {
            var path = Path.Combine(mount.MountPoint, Path.GetFileName(run.ServerBigFile));
            context.Record(run, Metrics.CachedReadFirst, tool.Key, repetition, await ReadAsync(run, path, cancellationToken).ConfigureAwait(false));
            context.Record(run, Metrics.CachedReadSecond, tool.Key, repetition, await ReadAsync(run, path, cancellationToken).ConfigureAwait(false));
        }

        // The cache's files must come from disk, as the local-disk baseline's do.
        await context.MakeColdAsync(cancellationToken).ConfigureAwait(false);
        var remount = await context.MountAsync(cached, run, cancellationToken).ConfigureAwait(false);
        await using (remount.ConfigureAwait(false))
        {
            var path = Path.Combine(remount.MountPoint, Path.GetFileName(run.ServerBigFile));
            context.Record(run, Metrics.CachedReadRemount, tool.Key, repetition, await ReadAsync(run, path, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task<double> ReadAsync(NetworkRun run, string path, CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunCheckedAsync(
            "dd", ["if=" + path, "of=/dev/null", "bs=1M"], Deadlines.ForBytes(run.Sizes.BigFileBytes), cancellationToken).ConfigureAwait(false);
        DdOutput.RequireBytes(result, run.Sizes.BigFileBytes);
        return run.Sizes.BigFileBytes / result.Elapsed.TotalSeconds / 1e6;
    }
}
