namespace FtpMount.Cli.Hosting;

/// <summary>A failure as the user sees it: one sentence and the exit code.</summary>
internal sealed record MountFailure(int ExitCode, string Sentence);
