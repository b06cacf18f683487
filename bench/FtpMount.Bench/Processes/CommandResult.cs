namespace FtpMount.Bench.Processes;

/// <summary>How an external command ended: exit code, wall-clock time from start to exit, and its captured output.</summary>
internal sealed record CommandResult(int ExitCode, TimeSpan Elapsed, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
