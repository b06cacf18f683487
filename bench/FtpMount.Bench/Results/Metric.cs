namespace FtpMount.Bench.Results;

/// <summary>
/// One measured quantity; <see cref="Label"/> names the workload at the sizes of a network.
/// <see cref="RcloneMetric"/> names the rclone figure it is compared with when that is another metric (a variant
/// of FtpMount, say with <c>-o writeback</c>, against rclone's one way of doing the same workload).
/// </summary>
internal sealed record Metric(
    string Key, string Unit, bool HigherIsBetter, string Format, Func<WorkloadSizes, string> Label, Metric? RcloneMetric = null);
