using System.Diagnostics;
using System.Globalization;
using System.Net;
using FtpMount.Bench.Data;
using FtpMount.Bench.Mounts;
using FtpMount.Bench.Results;
using FtpMount.Bench.Ssh;
using FtpMount.Bench.Workloads;
using FtpMount.FtpProxy;
using FtpMount.Testing;

namespace FtpMount.Bench;

/// <summary>
/// One benchmark run: prepares the data, starts one vsftpd, and for each network (direct, then through the
/// latency proxy), each repetition and each workload runs ftpmount, rclone and sshfs (from a private sshd on the
/// same folder, through a plain delay relay at 40 ms) side by side, alternating which goes first. A failed step is
/// recorded and the run continues; every mount is unmounted in a finally.
/// </summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.LoadAverage();
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.WorkDirectory);
        Directory.CreateDirectory(settings.ResultsDirectory);

        // bench/run.sh finds this driver's test server by it if the driver is killed outright.
        await File.WriteAllTextAsync(
            Path.Combine(settings.WorkDirectory, "driver.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken)
            .ConfigureAwait(false);
        var logs = Path.Combine(settings.WorkDirectory, "logs");
        if (Directory.Exists(logs))
        {
            Directory.Delete(logs, recursive: true);
        }
        var dataDirectory = Path.Combine(settings.WorkDirectory, "data");

        Log("preparing local test data in " + dataDirectory);
        var localData = await PrepareLocalDataAsync(settings, dataDirectory, cancellationToken).ConfigureAwait(false);

        MountTool[] tools =
        [
            new FtpMountTool(settings.FtpMountBinary, settings.FtpMountBuild, settings.FtpMountOptions, libfuse: settings.FtpMountLibfuse),
            new RcloneTool(),
            new FtpMountTool(settings.FtpMountBinary, settings.FtpMountBuild, settings.FtpMountOptions, writeBack: true, libfuse: settings.FtpMountLibfuse),
        ];
        var recorder = new ResultsRecorder();
        var pageCache = new PageCache();

        Log("starting vsftpd");
        var server = await FtpTestServer.StartAsync(
            FtpServerKind.Vsftpd,
            new FtpServerOptions { MaxConnectionsPerIp = 500, IdleTimeoutSeconds = 3600 },
            cancellationToken).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            Log("starting a private sshd for sshfs");
            var sshfs = await SshfsAnchor.StartAsync(settings.WorkDirectory, server, recorder, cancellationToken).ConfigureAwait(false);
            await using var sshfsScope = sshfs.ConfigureAwait(false);
            var files = new ServerFiles(server);
            var context = new BenchContext(settings, files, recorder, pageCache, server);
            IWorkload[] workloads =
            [
                new SequentialRead(context), new SequentialWrite(context), new TreeListing(context), new Untar(context), new RandomReads(context),
                new CachedRead(context),
            ];

            foreach (var network in settings.Networks)
            {
                var run = await PrepareNetworkAsync(network, server, files, localData, cancellationToken).ConfigureAwait(false);
                FtpProxy.FtpProxy? proxy = null;
                if (network.UsesProxy)
                {
                    proxy = FtpProxy.FtpProxy.Start(
                        new IPEndPoint(IPAddress.Loopback, server.Port), new FtpProxyOptions { OneWayDelay = network.OneWayDelay });
                    run = run with { Endpoint = run.Endpoint with { Port = proxy.Port }, Proxy = proxy };
                }

                try
                {
                    Log($"network {network.Label} ({run.Endpoint.Host}:{run.Endpoint.Port}), sizes {network.Sizes}");
                    var sshfsTool = await sshfs.ToolForAsync(network).ConfigureAwait(false);
                    await RunNetworkAsync(settings, context, run, sshfsTool is null ? tools : [.. tools, sshfsTool], workloads, cancellationToken)
                        .ConfigureAwait(false);
                }
                finally
                {
                    if (proxy is not null)
                    {
                        await proxy.DisposeAsync().ConfigureAwait(false);
                    }

                    await sshfs.EndNetworkAsync().ConfigureAwait(false);
                }
            }
        }

        var description = new RunDescription(
            settings.Command,
            started,
            clock.Elapsed,
            $"{MachineInfo.Describe()}; load average {loadBefore} at start, {MachineInfo.LoadAverage()} at end",
            await tools[0].DescribeAsync(cancellationToken).ConfigureAwait(false),
            await MachineInfo.GitCommitAsync(settings.RepositoryDirectory, cancellationToken).ConfigureAwait(false),
            await tools[1].DescribeAsync(cancellationToken).ConfigureAwait(false),
            await MachineInfo.VsftpdVersionAsync(cancellationToken).ConfigureAwait(false),
            await MachineInfo.VersionAsync("curl", "--version", cancellationToken).ConfigureAwait(false),
            ".NET " + Environment.Version,
            settings.Repetitions,
            pageCache.DropWorks,
            settings.Networks,
            MountLogSummary.CountLines(Path.Combine(settings.WorkDirectory, "logs"), "rclone", "low level retry"))
        {
            SshfsVersion = await SshfsTool.DescribeVersionAsync(cancellationToken).ConfigureAwait(false),
        };
        var rows = new List<ReportRow>();
        foreach (var network in settings.Networks)
        {
            foreach (var metric in Metrics.All)
            {
                var row = ReportRow.Build(recorder, network, metric);
                if (row.FtpMount is not null || row.Rclone is not null || row.Sshfs is not null)
                {
                    rows.Add(row);
                }
            }
        }

        await File.WriteAllTextAsync(
            Path.Combine(settings.ResultsDirectory, "results.md"), MarkdownReport.Render(description, rows, recorder.Failures), cancellationToken)
            .ConfigureAwait(false);
        await File.WriteAllTextAsync(
            Path.Combine(settings.ResultsDirectory, "results.json"), JsonReport.Render(description, rows, recorder), cancellationToken)
            .ConfigureAwait(false);
        Log($"done in {clock.Elapsed.TotalMinutes:0.0} min; {recorder.Failures.Count} failed steps; results in {settings.ResultsDirectory}");
        return recorder.Failures.Count == 0 ? 0 : 1;
    }

    private static async Task RunNetworkAsync(
        BenchSettings settings, BenchContext context, NetworkRun run, MountTool[] tools, IWorkload[] workloads, CancellationToken cancellationToken)
    {
        for (var repetition = 1; repetition <= settings.Repetitions; repetition++)
        {
            foreach (var workload in workloads)
            {
                if (!settings.Workloads.Contains(workload.Key))
                {
                    continue;
                }

                Log($"  {run.Network.Name} repetition {repetition}/{settings.Repetitions}: {workload.Key}");
                context.CurrentWorkload = workload.Key;
                await StepAsync(context, run, workload.Key, "direct", repetition, () => workload.RunBaselineAsync(run, repetition, cancellationToken))
                    .ConfigureAwait(false);

                // Alternate the order so neither tool always runs on a machine the other has just warmed or loaded.
                var order = repetition % 2 == 1 ? tools : tools.Reverse().ToArray();
                foreach (var tool in order)
                {
                    if (tool.WriteBack && workload is not Untar)
                    {
                        continue;
                    }

                    await StepAsync(context, run, workload.Key, tool.Key, repetition, () => workload.RunAsync(run, tool, repetition, cancellationToken))
                        .ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task StepAsync(BenchContext context, NetworkRun run, string workload, string tool, int repetition, Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Recorder.Fail(run.Network.Name, workload, tool, repetition, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            context.ClearScratch();
        }

        if (!context.FtpServer.IsRunning)
        {
            throw new InvalidOperationException($"vsftpd stopped during {workload} ({tool}): {context.FtpServer.ReadServerLog()}");
        }
    }

    private sealed record LocalData(
        IReadOnlyDictionary<long, string> BigFiles,
        IReadOnlyDictionary<long, (string Path, string Sha256)> WriteSources,
        IReadOnlyDictionary<int, SmallFileArchive> Archives);

    private static async Task<LocalData> PrepareLocalDataAsync(BenchSettings settings, string directory, CancellationToken cancellationToken)
    {
        var bigFiles = new Dictionary<long, string>();
        var sources = new Dictionary<long, (string, string)>();
        var archives = new Dictionary<int, SmallFileArchive>();
        foreach (var network in settings.Networks)
        {
            var sizes = network.Sizes;
            if (!bigFiles.ContainsKey(sizes.BigFileBytes))
            {
                bigFiles[sizes.BigFileBytes] = RandomFile.Ensure(directory, "read", sizes.BigFileBytes, seed: 1);
                var source = RandomFile.Ensure(directory, "write-source", sizes.BigFileBytes, seed: 2);
                sources[sizes.BigFileBytes] = (source, RandomFile.Sha256(source));
            }

            if (!archives.ContainsKey(sizes.TarFiles))
            {
                archives[sizes.TarFiles] = await SmallFileArchive.EnsureAsync(directory, sizes.TarFiles, cancellationToken).ConfigureAwait(false);
            }
        }

        return new LocalData(bigFiles, sources, archives);
    }

    private static async Task<NetworkRun> PrepareNetworkAsync(
        NetworkProfile network, FtpTestServer server, ServerFiles files, LocalData data, CancellationToken cancellationToken)
    {
        var sizes = network.Sizes;
        var bigName = $"big-{sizes.BigFileBytes / WorkloadSizes.MiB}M.bin";
        if (!File.Exists(files.Local(bigName)))
        {
            await files.PlaceBigFileAsync(data.BigFiles[sizes.BigFileBytes], bigName, cancellationToken).ConfigureAwait(false);
        }

        var tree = files.CreateTree(sizes.TreeDirectories, sizes.TreeFilesPerDirectory);
        var (source, sha) = data.WriteSources[sizes.BigFileBytes];
        return new NetworkRun(
            network,
            new FtpEndpoint(server.Host, server.Port, server.UserName, server.Password),
            data.BigFiles[sizes.BigFileBytes],
            files.Local(bigName),
            source,
            sha,
            tree,
            data.Archives[sizes.TarFiles]);
    }

    public static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
