using System.Globalization;

namespace FtpMount.Bench;

/// <summary>Everything one run needs, parsed once from the command line that bench/run.sh passes.</summary>
internal sealed record BenchSettings
{
    public static readonly IReadOnlyList<string> AllWorkloads = ["read", "write", "tree", "untar", "random", "cache"];

    // Full run: the sizes the issue names on loopback. At 40 ms RTT every FTP command costs a round trip, so the
    // metadata-heavy workloads shrink to keep the default run near 30 minutes on two cores; the ratios still compare
    // like with like because both mounts get the same sizes.
    public static readonly WorkloadSizes FullLoopback = new(1024 * WorkloadSizes.MiB, 1000, 10, 2000, 1000);
    public static readonly WorkloadSizes FullRtt = new(1024 * WorkloadSizes.MiB, 50, 10, 100, 50);
    public static readonly WorkloadSizes QuickLoopback = new(128 * WorkloadSizes.MiB, 100, 10, 200, 200);
    public static readonly WorkloadSizes QuickRtt = new(64 * WorkloadSizes.MiB, 20, 10, 40, 50);

    public required IReadOnlyList<NetworkProfile> Networks { get; init; }

    public required int Repetitions { get; init; }

    public required IReadOnlyList<string> Workloads { get; init; }

    public required bool Quick { get; init; }

    /// <summary>Where test data, mount points and rclone's cache live (kept between runs: the data is reused).</summary>
    public required string WorkDirectory { get; init; }

    public required string ResultsDirectory { get; init; }

    public required string FtpMountBinary { get; init; }

    /// <summary>How ftpmount was built ("Native AOT", "framework-dependent Release"), for the report.</summary>
    public required string FtpMountBuild { get; init; }

    public required string RepositoryDirectory { get; init; }

    /// <summary>
    /// A folder holding the libfuse ftpmount is to load (a vendored 3.17+ build, for FUSE passthrough), set as
    /// LD_LIBRARY_PATH for the ftpmount processes only; null: the machine's libfuse.
    /// </summary>
    public string? FtpMountLibfuse { get; init; }

    /// <summary>bench/floor/ftp-floor-fs built by run.sh (the read workload's floor); null: not built, no floor row.</summary>
    public string? FloorFsBinary { get; init; }

    /// <summary>Extra <c>-o</c> options for ftpmount, e.g. log_level=trace to see its FTP commands; none by default.</summary>
    public required IReadOnlyList<string> FtpMountOptions { get; init; }

    /// <summary>The command line the user typed, for the report.</summary>
    public required string Command { get; init; }

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--quick")
            {
                quick = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument \"{arg}\". {Usage}");
            }

            values[arg[2..]] = args[++i];
        }

        string Take(string name, string fallback) => values.Remove(name, out var value) ? value : fallback;
        string Require(string name) => values.Remove(name, out var value)
            ? value
            : throw new ArgumentException($"--{name} is required. {Usage}");

        var reps = int.Parse(Take("reps", quick ? "1" : "3"), NumberStyles.None, CultureInfo.InvariantCulture);
        if (reps is < 1 or > 50)
        {
            throw new ArgumentException($"--reps {reps} must be between 1 and 50.");
        }

        var rttMs = int.Parse(Take("rtt-ms", "40"), NumberStyles.None, CultureInfo.InvariantCulture);
        if (rttMs is < 2 or > 2000)
        {
            throw new ArgumentException($"--rtt-ms {rttMs} must be between 2 and 2000.");
        }

        var loopback = (quick ? QuickLoopback : FullLoopback).With(Take("loopback-sizes", string.Empty));
        var rtt = (quick ? QuickRtt : FullRtt).With(Take("rtt-sizes", string.Empty));
        var networkNames = Take("networks", "loopback,rtt").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var networks = new List<NetworkProfile>();
        foreach (var name in networkNames)
        {
            networks.Add(name switch
            {
                "loopback" => new NetworkProfile("loopback", "loopback", TimeSpan.Zero, loopback),
                "rtt" => new NetworkProfile("rtt", $"{rttMs} ms RTT", TimeSpan.FromMilliseconds(rttMs / 2.0), rtt),
                _ => throw new ArgumentException($"--networks: unknown network \"{name}\" (loopback, rtt)."),
            });
        }

        var workloads = Take("workloads", string.Join(',', AllWorkloads))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var workload in workloads)
        {
            if (!AllWorkloads.Contains(workload))
            {
                throw new ArgumentException($"--workloads: unknown workload \"{workload}\" ({string.Join(", ", AllWorkloads)}).");
            }
        }

        var settings = new BenchSettings
        {
            Networks = networks,
            Repetitions = reps,
            Workloads = workloads,
            Quick = quick,
            WorkDirectory = Path.GetFullPath(Take("work", "/var/tmp/ftpmount-bench")),
            ResultsDirectory = Path.GetFullPath(Require("results")),
            FtpMountBinary = Path.GetFullPath(Require("ftpmount")),
            FtpMountBuild = Take("ftpmount-build", "unknown build"),
            RepositoryDirectory = Path.GetFullPath(Take("repo", ".")),
            Command = Take("command", "(not given)"),
            FtpMountLibfuse = values.Remove("ftpmount-libfuse", out var libfuse) ? Path.GetFullPath(libfuse) : null,
            FloorFsBinary = values.Remove("floor-fs", out var floor) ? Path.GetFullPath(floor) : null,
            FtpMountOptions = Take("ftpmount-options", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };

        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option --{values.Keys.First()}. {Usage}");
        }

        return settings;
    }

    public const string Usage =
        "Usage: FtpMount.Bench --ftpmount PATH --results DIR [--quick] [--reps N] [--networks loopback,rtt] [--rtt-ms 40] "
        + "[--workloads read,write,tree,untar,random,cache] [--loopback-sizes big=1024M,tree=1000x10,tar=2000,random=1000] "
        + "[--rtt-sizes ...] [--work DIR] [--ftpmount-options OPT,...] [--ftpmount-build TEXT] [--ftpmount-libfuse DIR] [--floor-fs PATH] [--repo DIR] [--command TEXT]";
}
