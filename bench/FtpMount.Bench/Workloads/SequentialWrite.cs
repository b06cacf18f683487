using System.Diagnostics;
using System.Globalization;
using FtpMount.Bench.Data;
using FtpMount.Bench.Mounts;
using FtpMount.Bench.Processes;
using FtpMount.Bench.Results;

namespace FtpMount.Bench.Workloads;

/// <summary>
/// <c>dd if=local of=mount/w.bin bs=1M</c> on a fresh mount. Two figures: until dd exits (its close() included),
/// and until the complete file is on the server, which is later for rclone: with --vfs-cache-mode writes it
/// uploads after close (--vfs-write-back 5 s). The server copy is then checked by size and SHA-256.
/// </summary>
internal sealed class SequentialWrite(BenchContext context) : IWorkload
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public string Key => "write";

    public Task RunBaselineAsync(NetworkRun run, int repetition, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(NetworkRun run, MountTool tool, int repetition, CancellationToken cancellationToken)
    {
        var size = run.Sizes.BigFileBytes;
        var name = string.Create(CultureInfo.InvariantCulture, $"write-{tool.Key}-{run.Network.Name}-{repetition}.bin");
        var serverCopy = context.Server.Local(name);
        File.Delete(serverCopy);
        await context.MakeColdAsync(cancellationToken, run.WriteSource).ConfigureAwait(false);
        try
        {
            var mount = await context.MountAsync(tool, run, cancellationToken).ConfigureAwait(false);
            await using (mount.ConfigureAwait(false))
            {
                var clock = Stopwatch.StartNew();
                var result = await CommandRunner.RunCheckedAsync(
                    "dd",
                    ["if=" + run.WriteSource, "of=" + Path.Combine(mount.MountPoint, name), "bs=1M"],
                    Deadlines.ForBytes(size),
                    cancellationToken).ConfigureAwait(false);
                var closed = clock.Elapsed;
                DdOutput.RequireBytes(result, size);

                await WaitForServerCopyAsync(serverCopy, size, Deadlines.ForBytes(size), cancellationToken).ConfigureAwait(false);
                var onServer = clock.Elapsed;
                context.Record(run, Metrics.SequentialWriteClose, tool.Key, repetition, size / closed.TotalSeconds / 1e6);
                context.Record(run, Metrics.SequentialWriteServer, tool.Key, repetition, size / onServer.TotalSeconds / 1e6);
                context.Record(run, Metrics.PeakRssWrite, tool.Key, repetition, mount.PeakResidentKiB() / 1024.0);
            }

            var sha = await Task.Run(() => RandomFile.Sha256(serverCopy), cancellationToken).ConfigureAwait(false);
            if (sha != run.WriteSourceSha256)
            {
                throw new CommandFailedException($"The server copy of {name} has SHA-256 {sha}, the source {run.WriteSourceSha256}.");
            }
        }
        finally
        {
            File.Delete(serverCopy);
        }
    }

    private static async Task WaitForServerCopyAsync(string path, long size, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(path) && new FileInfo(path).Length == size))
        {
            if (clock.Elapsed > deadline)
            {
                var have = File.Exists(path) ? new FileInfo(path).Length : -1;
                throw new TimeoutException($"{path} did not reach {size} bytes on the server within {deadline.TotalSeconds:0} s (has {have}).");
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
