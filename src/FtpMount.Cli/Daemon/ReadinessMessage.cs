namespace FtpMount.Cli.Daemon;

/// <summary>
/// The one line the background process writes to its starter on stdout: <c>READY</c>, or <c>ERROR &lt;sentence&gt;</c>.
/// </summary>
internal static class ReadinessMessage
{
    public const string Ready = "READY";
    private const string ErrorPrefix = "ERROR ";

    public static string Failure(string sentence) => ErrorPrefix + OneShotReadiness.OneLine(sentence);

    /// <summary>True for a READY or ERROR line; other lines are not part of the protocol and are ignored.</summary>
    public static bool TryParse(string line, out bool ready, out string? sentence)
    {
        ready = line == Ready;
        sentence = line.StartsWith(ErrorPrefix, StringComparison.Ordinal) ? line[ErrorPrefix.Length..] : null;
        return ready || sentence is not null;
    }
}
