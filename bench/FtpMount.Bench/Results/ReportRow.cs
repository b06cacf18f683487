namespace FtpMount.Bench.Results;

/// <summary>One line of results.md: medians over repetitions, the ratios FtpMount / rclone and FtpMount / sshfs, and the verdicts.</summary>
internal sealed record ReportRow(
    NetworkProfile Network,
    Metric Metric,
    double? FtpMount,
    double? Rclone,
    double? Direct,
    IReadOnlyList<(Target Target, double? Ratio)> Targets)
{
    public double? Ratio => FtpMount is { } f && Rclone is { } r && r > 0 ? f / r : null;

    public double? RatioToDirect => FtpMount is { } f && Direct is { } d && d > 0 ? f / d : null;

    /// <summary>sshfs's median: the reference for a FUSE network filesystem written in C. No target is set on it.</summary>
    public double? Sshfs { get; init; }

    public double? RatioToSshfs => FtpMount is { } f && Sshfs is { } s && s > 0 ? f / s : null;

    /// <summary>
    /// The least FUSE filesystem over FTP (bench/floor) on the same workload, where it ran: what the direct download
    /// loses to FUSE alone on this machine. Shown beside the direct download; no target is set on it.
    /// </summary>
    public double? Floor { get; init; }

    public double? FloorToDirect => Floor is { } l && Direct is { } d && d > 0 ? l / d : null;

    public double? RatioToFloor => FtpMount is { } f && Floor is { } l && l > 0 ? f / l : null;

    public static ReportRow Build(ResultsRecorder recorder, NetworkProfile network, Metric metric)
    {
        var ftpmount = recorder.Median(network.Name, metric, "ftpmount");
        var rclone = recorder.Median(network.Name, metric.RcloneMetric ?? metric, "rclone");
        var direct = recorder.Median(network.Name, metric, "direct");
        var targets = new List<(Target, double?)>();
        foreach (var target in Target.FromIssue)
        {
            if (target.AppliesTo(metric.Key, network.Name))
            {
                var baseline = target.Baseline == "direct" ? direct : rclone;
                targets.Add((target, ftpmount is { } f && baseline is { } b && b > 0 ? f / b : null));
            }
        }

        return new ReportRow(network, metric, ftpmount, rclone, direct, targets)
        {
            // Like rclone, sshfs has one way of doing a workload; an FtpMount variant's row compares with it.
            Sshfs = recorder.Median(network.Name, metric.RcloneMetric ?? metric, "sshfs"),
            Floor = recorder.Median(network.Name, metric, "floor"),
        };
    }
}
