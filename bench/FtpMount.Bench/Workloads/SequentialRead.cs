using FtpMount.Bench.Mounts;
using FtpMount.Bench.Processes;
using FtpMount.Bench.Results;

namespace FtpMount.Bench.Workloads;

/// <summary>
/// <c>dd if=big.bin of=/dev/null bs=1M</c> on a fresh mount (dd, not cat, because it reports the bytes it got), and the same file fetched by curl straight from the server
/// (the wire limit). Also records the mount process's peak RSS over the mount's life, and the CPU time per GiB that the
/// mount process spent on the read next to curl's (the shell's <c>times</c> reports curl's). With run.sh's build of
/// bench/floor/ftp-floor-fs, the baseline step also reads the file through that least FUSE filesystem over FTP
/// (<see cref="FloorFsTool"/>): the part of the gap to curl that any FUSE filesystem pays on this machine.
/// </summary>
internal sealed class SequentialRead(BenchContext context) : IWorkload
{
    public string Key => "read";

    public async Task RunBaselineAsync(NetworkRun run, int repetition, CancellationToken cancellationToken)
    {
        await context.MakeColdAsync(cancellationToken, run.ServerBigFile).ConfigureAwait(false);
        var netrc = Path.Combine(context.ScratchRoot, "netrc");
        Directory.CreateDirectory(context.ScratchRoot);
        await File.WriteAllTextAsync(netrc, string.Empty, cancellationToken).ConfigureAwait(false);
        File.SetUnixFileMode(netrc, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(
            netrc,
            $"machine {run.Endpoint.Host} login {run.Endpoint.UserName} password {run.Endpoint.Password}\n",
            cancellationToken).ConfigureAwait(false);
        try
        {
            var url = $"ftp://{run.Endpoint.Host}:{run.Endpoint.Port}/{Path.GetFileName(run.ServerBigFile)}";
            var result = await CommandRunner.RunCheckedAsync(
                "/bin/sh",
                ProcessCpu.TimedShell(
                    "curl", ["--silent", "--show-error", "--netrc-file", netrc, "--output", "/dev/null", "--write-out", "%{size_download}", url]),
                Deadlines.ForBytes(run.Sizes.BigFileBytes),
                cancellationToken).ConfigureAwait(false);
            var bytes = long.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (bytes != run.Sizes.BigFileBytes)
            {
                throw new CommandFailedException($"curl downloaded {bytes} bytes, expected {run.Sizes.BigFileBytes}.");
            }

            context.Record(run, Metrics.SequentialRead, "direct", repetition, run.Sizes.BigFileBytes / result.Elapsed.TotalSeconds / 1e6);
            context.Record(run, Metrics.SequentialReadCpu, "direct", repetition, PerGiB(ProcessCpu.ChildrenFromTimes(result.StandardError), run));
        }
        finally
        {
            File.Delete(netrc);
        }

        if (context.Settings.FloorFsBinary is { } floor)
        {
            await context.MakeColdAsync(cancellationToken, run.ServerBigFile).ConfigureAwait(false);
            var tool = new FloorFsTool(floor, Path.GetFileName(run.ServerBigFile), run.Sizes.BigFileBytes);
            await ReadThroughAsync(run, tool, FloorFsTool.MountedName, repetition, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RunAsync(NetworkRun run, MountTool tool, int repetition, CancellationToken cancellationToken)
    {
        await context.MakeColdAsync(cancellationToken, run.ServerBigFile).ConfigureAwait(false);
        await ReadThroughAsync(run, tool, Path.GetFileName(run.ServerBigFile), repetition, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadThroughAsync(NetworkRun run, MountTool tool, string name, int repetition, CancellationToken cancellationToken)
    {
        var mount = await context.MountAsync(tool, run, cancellationToken).ConfigureAwait(false);
        await using (mount.ConfigureAwait(false))
        {
            var path = Path.Combine(mount.MountPoint, name);
            var cpuBefore = mount.CpuTime();
            var result = await CommandRunner.RunCheckedAsync(
                "dd", ["if=" + path, "of=/dev/null", "bs=1M"], Deadlines.ForBytes(run.Sizes.BigFileBytes), cancellationToken)
                .ConfigureAwait(false);
            DdOutput.RequireBytes(result, run.Sizes.BigFileBytes);
            var cpu = mount.CpuTime() - cpuBefore;
            context.Record(run, Metrics.SequentialRead, tool.Key, repetition, run.Sizes.BigFileBytes / result.Elapsed.TotalSeconds / 1e6);
            context.Record(run, Metrics.SequentialReadCpu, tool.Key, repetition, PerGiB(cpu, run));
            if (tool is not FloorFsTool)
            {
                // The floor holds one 1 MiB buffer and nothing else: its memory says nothing of a filesystem's.
                context.Record(run, Metrics.PeakRssRead, tool.Key, repetition, mount.PeakResidentKiB() / 1024.0);
            }
        }
    }

    private static double PerGiB(TimeSpan cpu, NetworkRun run) => cpu.TotalSeconds / (run.Sizes.BigFileBytes / (1024.0 * 1024 * 1024));
}
