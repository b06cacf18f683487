namespace FtpMount.Bench.Results;

/// <summary>One measured quantity; <see cref="Label"/> names the workload at the sizes of a network.</summary>
internal sealed record Metric(string Key, string Unit, bool HigherIsBetter, string Format, Func<WorkloadSizes, string> Label);
