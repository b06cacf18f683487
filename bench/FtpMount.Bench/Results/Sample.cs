namespace FtpMount.Bench.Results;

/// <summary>One measurement: a metric for one tool ("ftpmount", "rclone" or "direct") in one repetition on one network.</summary>
internal sealed record Sample(string Network, string Metric, string Tool, int Repetition, double Value);
