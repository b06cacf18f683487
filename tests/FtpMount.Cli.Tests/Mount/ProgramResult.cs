namespace FtpMount.Cli.Tests.Mount;

/// <summary>How a program run by <see cref="ExternalProgram"/> ended, and what it printed.</summary>
internal sealed record ProgramResult(string CommandLine, int ExitCode, string Output, string Error)
{
    public override string ToString() => $"'{CommandLine}' exited {ExitCode}; stderr: {Error.Trim()}";
}
