namespace FtpMount.Bench.Results;

/// <summary>
/// A goal from issue 4 or 15 on one metric: FtpMount's median must be at least (or at most) <see cref="Factor"/> times
/// rclone's median, or the direct download's. <see cref="Network"/> null means on every network.
/// </summary>
internal sealed record Target(string MetricKey, string? Network, string Baseline, double Factor, bool AtLeast)
{
    public string Text => $"{(AtLeast ? "≥" : "≤")} {Factor:0.##}× {Baseline}";

    /// <summary>
    /// The goals issue 4 sets, and issue 15's for the persistent read cache (a read after a remount at ≥ 0.9× local disk)
    /// and for hot metadata (ls -lR with kernel and listing caches warm on both sides at ≤ 0.5× rclone) and the durable
    /// untar at 40 ms (≤ 1.0× rclone until every file is on the server, with default options).
    /// </summary>
    public static readonly IReadOnlyList<Target> FromIssue =
    [
        new(Metrics.SequentialRead.Key, "loopback", "direct", 0.9, AtLeast: true),
        new(Metrics.SequentialRead.Key, "loopback", "rclone", 1.2, AtLeast: true),
        new(Metrics.SequentialRead.Key, "rtt", "rclone", 3.0, AtLeast: true),
        new(Metrics.LsWarm.Key, null, "rclone", 0.5, AtLeast: false),
        new(Metrics.LsHot.Key, null, "rclone", 0.5, AtLeast: false),
        new(Metrics.UntarServer.Key, null, "rclone", 0.5, AtLeast: false),
        new(Metrics.UntarServer.Key, "rtt", "rclone", 1.0, AtLeast: false),
        new(Metrics.UntarServerWriteBack.Key, null, "rclone", 0.5, AtLeast: false),
        new(Metrics.RandomRead.Key, null, "rclone", 0.5, AtLeast: false),
        new(Metrics.CachedReadRemount.Key, "loopback", "direct", 0.9, AtLeast: true),
        new(Metrics.PeakRssRead.Key, null, "rclone", 1.0, AtLeast: false),
        new(Metrics.PeakRssWrite.Key, null, "rclone", 1.0, AtLeast: false),
    ];

    public bool AppliesTo(string metricKey, string network) => MetricKey == metricKey && (Network is null || Network == network);

    public bool IsMet(double ratio) => AtLeast ? ratio >= Factor : ratio <= Factor;
}
