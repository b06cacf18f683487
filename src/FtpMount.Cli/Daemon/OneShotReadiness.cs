namespace FtpMount.Cli.Daemon;

/// <summary>Lets the first report through and drops the rest, whichever thread reports.</summary>
internal abstract class OneShotReadiness : IMountReadiness
{
    private int _reported;

    public bool HasReported => Volatile.Read(ref _reported) != 0;

    public void ReportReady()
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            OnReady();
        }
    }

    public void ReportFailure(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            OnFailure(OneLine(sentence));
        }
    }

    protected abstract void OnReady();

    protected abstract void OnFailure(string sentence);

    /// <summary>Reports travel as single lines; a line break inside would cut the sentence.</summary>
    internal static string OneLine(string sentence) =>
        string.Join(' ', sentence.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
