namespace FtpMount.Cli.Daemon;

/// <summary>Readiness in the foreground (<c>-f</c>): READY=1 to systemd when it listens, failures to stderr.</summary>
internal sealed class ForegroundReadiness(SystemdNotifier notifier, TextWriter error) : OneShotReadiness
{
    protected override void OnReady() => notifier.TryNotify("READY=1");

    protected override void OnFailure(string sentence)
    {
        notifier.TryNotify("STATUS=" + sentence);
        error.WriteLine("ftpmount: " + sentence);
        error.Flush();
    }
}
