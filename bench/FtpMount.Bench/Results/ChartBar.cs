namespace FtpMount.Bench.Results;

/// <summary>
/// One bar of chart.png: how many times better FtpMount does than the baseline (rclone, or the direct download),
/// whatever the metric's direction, so that every target reads "the bar must reach the mark".
/// </summary>
internal sealed record ChartBar(string Network, string Label, double Advantage, double? TargetAdvantage, bool? Met)
{
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

        if (row.RatioToDirect is { } toDirect)
        {
            var target = row.Targets.FirstOrDefault(t => t.Target.Baseline == "direct");
            yield return new ChartBar(
                row.Network.Label,
                label + " vs direct download",
                toDirect,
                target.Target?.Factor,
                target.Target is { } t && target.Ratio is { } r ? t.IsMet(r) : null);
        }
    }
}
