using System.Diagnostics;
using System.Globalization;
using FtpMount.Bench.Mounts;
using FtpMount.Bench.Processes;
using FtpMount.Bench.Results;

namespace FtpMount.Bench.Workloads;

/// <summary>
/// <c>tar -xf</c> of the small-file archive into a new folder on a fresh mount. Two figures: until tar exits, and
/// until every file has its full size on the server (rclone uploads after close). Then <c>diff -r</c> against the
/// unpacked reference. Through the latency proxy it also counts the FTP commands and round trips per file that the
/// mount needed until every file was on the server (MKD of the folders and the mount's listings included).
/// </summary>
internal sealed class Untar(BenchContext context) : IWorkload
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public string Key => "untar";

    public Task RunBaselineAsync(NetworkRun run, int repetition, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(NetworkRun run, MountTool tool, int repetition, CancellationToken cancellationToken)
    {
        var archive = run.Archive;
        var name = string.Create(CultureInfo.InvariantCulture, $"untar-{tool.Key}-{run.Network.Name}-{repetition}");
        var serverCopy = context.Server.Local(name);
        var deadline = Deadlines.ForEntries(archive.FileCount * 2);
        await context.MakeColdAsync(cancellationToken, archive.ArchivePath).ConfigureAwait(false);
        try
        {
            var mount = await context.MountAsync(tool, run, cancellationToken).ConfigureAwait(false);
            await using (mount.ConfigureAwait(false))
            {
                var target = Path.Combine(mount.MountPoint, name);
                Directory.CreateDirectory(target);
                // Counted while only this mount talks to the server through the proxy (sshfs has a relay of its own).
                var counter = run.Proxy?.Commands;
                var (commandsBefore, flightsBefore) = (counter?.Count ?? 0, counter?.Flights ?? 0);
                var clock = Stopwatch.StartNew();

                // As root tar would chown every file to the archive's owner; a user unpacking does not, and neither mount maps owners.
                await CommandRunner.RunCheckedAsync(
                    "tar", ["--no-same-owner", "-xf", archive.ArchivePath, "-C", target], deadline, cancellationToken)
                    .ConfigureAwait(false);
                var exited = clock.Elapsed;
                await WaitForServerCopyAsync(serverCopy, archive.FileCount, archive.TotalBytes, deadline, cancellationToken)
                    .ConfigureAwait(false);
                var onServer = clock.Elapsed;
                // The write-back variant is FtpMount's figure on rows of its own, compared with rclone's untar.
                var (closeMetric, serverMetric, key) = tool.WriteBack
                    ? (Metrics.UntarCloseWriteBack, Metrics.UntarServerWriteBack, "ftpmount")
                    : (Metrics.UntarClose, Metrics.UntarServer, tool.Key);
                context.Record(run, closeMetric, key, repetition, exited.TotalSeconds);
                context.Record(run, serverMetric, key, repetition, onServer.TotalSeconds);
                if (counter is not null && !tool.WriteBack && tool is not SshfsTool)
                {
                    context.Record(run, Metrics.UntarCommands, key, repetition, (double)(counter.Count - commandsBefore) / archive.FileCount);
                    context.Record(run, Metrics.UntarRoundTrips, key, repetition, (double)(counter.Flights - flightsBefore) / archive.FileCount);
                }
            }

            var diff = await CommandRunner.RunAsync(
                "diff", ["-r", "-q", archive.ReferenceDirectory, serverCopy], TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            if (!diff.Succeeded)
            {
                throw new CommandFailedException($"diff -r found differences on the server: {CommandRunner.Tail(diff.StandardOutput + diff.StandardError, 600)}");
            }
        }
        finally
        {
            if (Directory.Exists(serverCopy))
            {
                Directory.Delete(serverCopy, recursive: true);
            }
        }
    }

    private static async Task WaitForServerCopyAsync(string folder, int files, long bytes, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (count, total) = TryMeasure(folder);
            if (count == files && total == bytes)
            {
                return;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException(
                    $"{folder} has {count} of {files} files and {total} of {bytes} bytes after {deadline.TotalSeconds:0} s.");
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private static (int Count, long Bytes) TryMeasure(string folder)
    {
        try
        {
            return Measure(folder);
        }
        catch (IOException)
        {
            // A temporary file was renamed while the folder was walked; the next poll sees the result.
            return (-1, -1);
        }
    }

    // Temporary upload names (".ftpmount-*.part", rclone's "*.partial") are not the files yet.
    private static (int Count, long Bytes) Measure(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return (0, 0);
        }

        var count = 0;
        long total = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (file.Name.StartsWith(".ftpmount-", StringComparison.Ordinal) || file.Name.EndsWith(".partial", StringComparison.Ordinal))
            {
                continue;
            }

            count++;
            total += file.Length;
        }

        return (count, total);
    }
}
