namespace FtpMount.Cli.Daemon;

/// <summary>
/// How the mount runner tells whoever started ftpmount that the mount is usable, or why it never will be.
/// Only the first report counts; later calls are ignored.
/// </summary>
internal interface IMountReadiness
{
    /// <summary>The mount point now shows the remote files.</summary>
    void ReportReady();

    /// <summary>Mounting failed; <paramref name="sentence"/> is one sentence for the user, without secrets.</summary>
    void ReportFailure(string sentence);

    /// <summary>True once either report was made.</summary>
    bool HasReported { get; }
}
