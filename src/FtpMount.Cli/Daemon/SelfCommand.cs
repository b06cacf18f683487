namespace FtpMount.Cli.Daemon;

/// <summary>How to start this same program again: the native executable, or <c>dotnet ftpmount.dll</c>.</summary>
internal static class SelfCommand
{
    public static (string FileName, IReadOnlyList<string> LeadingArguments) Current()
    {
        var processPath = Environment.ProcessPath
            ?? throw new InvalidOperationException("Cannot find this program's executable to start it in the background.");
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            // Run through the shared host: argv[0] as .NET reports it is the entry assembly (ftpmount.dll).
            return (processPath, [Environment.GetCommandLineArgs()[0]]);
        }

        return (processPath, []);
    }
}
