namespace FtpMount.Testing.Daemons;

/// <summary>
/// How to run one daemon in the foreground: the executable, its arguments (never a password), extra
/// environment variables, and the log files worth showing when it fails.
/// </summary>
internal sealed record DaemonCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyList<string> LogFiles)
{
    internal string CommandLine => string.Join(' ', Arguments.Prepend(FileName).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' or '$')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
