using System.Text;

namespace FtpMount.Cli.Daemon;

/// <summary>Readiness of the background process: one line to the starting process, which waits on the other end.</summary>
internal sealed class PipeReadiness(Stream toStarter) : OneShotReadiness
{
    protected override void OnReady() => Send(ReadinessMessage.Ready);

    protected override void OnFailure(string sentence) => Send(ReadinessMessage.Failure(sentence));

    private void Send(string line)
    {
        try
        {
            toStarter.Write(Encoding.UTF8.GetBytes(line + "\n"));
            toStarter.Flush();
        }
        catch (IOException)
        {
            // The starter is gone (killed, or gave up after daemon_timeout); nobody is left to tell.
        }
    }
}
