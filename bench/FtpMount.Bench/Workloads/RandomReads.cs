using System.Diagnostics;
using FtpMount.Bench.Mounts;
using FtpMount.Bench.Processes;
using FtpMount.Bench.Results;
using Microsoft.Win32.SafeHandles;

namespace FtpMount.Bench.Workloads;

/// <summary>
/// N pread()s of 4 KiB at 4 KiB-aligned offsets drawn from a fixed seed, on one handle of the big file on a fresh
/// mount. Each read is timed on its own and checked against the local copy of the file.
/// </summary>
internal sealed class RandomReads(BenchContext context) : IWorkload
{
    private const int ReadSize = 4096;
    private const int Seed = 4242;

    public string Key => "random";

    public Task RunBaselineAsync(NetworkRun run, int repetition, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(NetworkRun run, MountTool tool, int repetition, CancellationToken cancellationToken)
    {
        await context.MakeColdAsync(cancellationToken, run.ServerBigFile).ConfigureAwait(false);
        var mount = await context.MountAsync(tool, run, cancellationToken).ConfigureAwait(false);
        await using (mount.ConfigureAwait(false))
        {
            var path = Path.Combine(mount.MountPoint, Path.GetFileName(run.ServerBigFile));
            var deadline = TimeSpan.FromSeconds(60 + (run.Sizes.RandomReads * 2.0));

            // Blocking preads on a worker thread: if the mount hangs, the deadline fires and disposing the mount
            // (fusermount -u, then kill) fails the stuck read.
            var latencies = await Task.Run(() => Measure(path, run, cancellationToken), cancellationToken)
                .WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
            context.Record(run, Metrics.RandomRead, tool.Key, repetition, Statistics.Median(latencies)!.Value);
            context.Record(run, Metrics.RandomReadP90, tool.Key, repetition, Statistics.Percentile(latencies, 0.9)!.Value);
        }
    }

    private static List<double> Measure(string path, NetworkRun run, CancellationToken cancellationToken)
    {
        var pages = run.Sizes.BigFileBytes / ReadSize;
        var random = new Random(Seed);
        var buffer = new byte[ReadSize];
        var expected = new byte[ReadSize];
        var latencies = new List<double>(run.Sizes.RandomReads);
        using SafeFileHandle local = File.OpenHandle(run.LocalBigFile);
        using SafeFileHandle remote = File.OpenHandle(path);
        for (var i = 0; i < run.Sizes.RandomReads; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = random.NextInt64(pages) * ReadSize;
            var clock = Stopwatch.StartNew();
            var read = RandomAccess.Read(remote, buffer, offset);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            RandomAccess.Read(local, expected, offset);
            if (read != ReadSize || !buffer.AsSpan().SequenceEqual(expected))
            {
                throw new CommandFailedException($"Random read {i} at offset {offset} returned {read} bytes that differ from the file.");
            }
        }

        return latencies;
    }
}
