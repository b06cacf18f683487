namespace FtpMount.Bench.Results;

/// <summary>
/// One bar of chart.png: how many times better FtpMount does than the baseline (rclone, sshfs, or the direct
/// download), whatever the metric's direction, so that every target reads "the bar must reach the mark".
/// </summary>
internal sealed record ChartBar(string Network, string Label, double Advantage, double? TargetAdvantage, bool? Met)
{
    /// <summary>"rclone", "sshfs" or "direct": what the bar compares with (chart.py colours sshfs bars apart).</summary>
    public string Baseline { get; init; } = "rclone";

    public static IEnumerable<ChartBar> From(ReportRow row)
    {
        var label = row.Metric.Label(row.Network.Sizes);
        if (row.Ratio is { } ratio && ratio > 0)
        {
            var target = row.Targets.FirstOrDefault(t => t.Target.Baseline == "rclone");
            yield return new ChartBar(
                row.Network.Label,
                label + " vs rclone",
                row.Metric.HigherIsBetter ? ratio : 1 / ratio,
                target.Target is { } t ? (t.AtLeast ? t.Factor : 1 / t.Factor) : null,
                target.Target is { } t2 && target.Ratio is { } r ? t2.IsMet(r) : null);
        }

        // sshfs is a reference, not a target: its bar has no mark.
        if (row.RatioToSshfs is { } toSshfs && toSshfs > 0)
        {
            yield return new ChartBar(row.Network.Label, label + " vs sshfs", row.Metric.HigherIsBetter ? toSshfs : 1 / toSshfs, null, null)
            {
                Baseline = "sshfs",
            };
        }

        if (row.RatioToDirect is { } toDirect)
        {
            var target = row.Targets.FirstOrDefault(t => t.Target.Baseline == "direct");
            yield return new ChartBar(
                row.Network.Label,
                label + " vs direct download",
                toDirect,
                target.Target?.Factor,
                target.Target is { } t && target.Ratio is { } r ? t.IsMet(r) : null)
            {
                Baseline = "direct",
            };
        }
    }
}
