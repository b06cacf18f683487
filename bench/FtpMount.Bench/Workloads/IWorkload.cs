using FtpMount.Bench.Mounts;

namespace FtpMount.Bench.Workloads;

/// <summary>One workload: run once for one mount tool on one network, recording its metrics.</summary>
internal interface IWorkload
{
    string Key { get; }

    /// <summary>Runs steps that involve no mount (the direct download), once per repetition.</summary>
    Task RunBaselineAsync(NetworkRun run, int repetition, CancellationToken cancellationToken);

    Task RunAsync(NetworkRun run, MountTool tool, int repetition, CancellationToken cancellationToken);
}
