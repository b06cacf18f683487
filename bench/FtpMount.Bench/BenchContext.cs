using FtpMount.Bench.Data;
using FtpMount.Bench.Mounts;
using FtpMount.Bench.Results;
using FtpMount.Testing;

namespace FtpMount.Bench;

/// <summary>What all workloads share: settings, the server's files, the recorder, and fresh mounts on demand.</summary>
internal sealed class BenchContext(BenchSettings settings, ServerFiles server, ResultsRecorder recorder, PageCache pageCache, FtpTestServer ftpServer)
{
    private int _mountCount;

    public BenchSettings Settings => settings;

    public ServerFiles Server => server;

    public ResultsRecorder Recorder => recorder;

    public FtpTestServer FtpServer => ftpServer;

    public PageCache PageCache => pageCache;

    public string PidDirectory => Path.Combine(settings.WorkDirectory, "mount-pids");

    public string ScratchRoot => Path.Combine(settings.WorkDirectory, "scratch");

    /// <summary>The workload now running; it names the mount logs.</summary>
    public string CurrentWorkload { get; set; } = "setup";

    /// <summary>Each mount's output ("007-rclone-loopback-read.log"), numbered in run order; replaced by the next run.</summary>
    public string LogDirectory => Path.Combine(settings.WorkDirectory, "logs");

    /// <summary>A fresh mount with a fresh scratch folder (rclone cache, ftpmount spool): nothing cached from before.</summary>
    public async Task<RunningMount> MountAsync(MountTool tool, NetworkRun run, CancellationToken cancellationToken)
    {
        var mountPoint = Path.Combine(settings.WorkDirectory, "mnt", tool.Key);
        var number = Interlocked.Increment(ref _mountCount);
        var scratch = Path.Combine(ScratchRoot, $"{tool.Key}-{number}");
        Directory.CreateDirectory(LogDirectory);
        var log = Path.Combine(LogDirectory, $"{number:D3}-{tool.Key}-{run.Network.Name}-{CurrentWorkload}.log");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        return await tool.MountAsync(run.Endpoint, mountPoint, scratch, PidDirectory, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops caches (where allowed) and re-reads the server-side inputs of the next cold step.</summary>
    public async Task MakeColdAsync(CancellationToken cancellationToken, params string[] warmOnServerSide)
    {
        await pageCache.DropAsync(cancellationToken).ConfigureAwait(false);
        if (pageCache.DropWorks == true)
        {
            foreach (var path in warmOnServerSide)
            {
                await PageCache.WarmAsync(path, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Record(NetworkRun run, Metric metric, string tool, int repetition, double value) =>
        recorder.Record(run.Network.Name, metric, tool, repetition, value);

    /// <summary>Removes a mount's scratch folders once the mount is gone.</summary>
    public void ClearScratch()
    {
        if (Directory.Exists(ScratchRoot))
        {
            Directory.Delete(ScratchRoot, recursive: true);
        }
    }
}
