namespace FtpMount.Testing.Processes;

/// <summary>How a program run by <see cref="DeadlineProcess"/> ended, with everything it printed.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, string Error)
{
    public override string ToString() => $"'{CommandLine}' exited {ExitCode}; stderr: {Error.Trim()}";
}
