namespace FtpMount.Bench.Results;

/// <summary>Machine, versions and settings of a run, for the head of results.md.</summary>
internal sealed record RunDescription(
    string Command,
    DateTimeOffset Started,
    TimeSpan Duration,
    string Machine,
    string FtpMountVersion,
    string GitCommit,
    string RcloneVersion,
    string VsftpdVersion,
    string CurlVersion,
    string DotnetVersion,
    int Repetitions,
    bool? DropCachesWorked,
    IReadOnlyList<NetworkProfile> Networks,
    IReadOnlyDictionary<(string Network, string Workload), int> RcloneReadRetries)
{
    /// <summary>sshfs and the OpenSSH it runs over, for the report.</summary>
    public string SshfsVersion { get; init; } = "not measured";
}
