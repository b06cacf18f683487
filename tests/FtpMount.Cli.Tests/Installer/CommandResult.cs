namespace FtpMount.Cli.Tests.Installer;

/// <summary>What a finished host command printed and returned.</summary>
internal sealed record CommandResult(string File, int ExitCode, string Output, string Error)
{
    public string Describe() => $"{File} exited with {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";

    public CommandResult Succeeded()
    {
        Assert.True(ExitCode == 0, Describe());
        return this;
    }
}
