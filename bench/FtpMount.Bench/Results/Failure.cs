namespace FtpMount.Bench.Results;

/// <summary>A workload step that failed; the run goes on and the report lists it.</summary>
internal sealed record Failure(string Network, string Workload, string Tool, int Repetition, string Message);
