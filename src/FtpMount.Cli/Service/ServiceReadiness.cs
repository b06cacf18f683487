using FtpMount.Cli.Daemon;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Service;

/// <summary>Under the service nobody waits on a terminal: readiness and failure become log lines.</summary>
internal sealed class ServiceReadiness(ILogger logger, string name) : OneShotReadiness
{
    protected override void OnReady() => ServiceLog.MountReady(logger, name);

    protected override void OnFailure(string sentence) => ServiceLog.MountNotReady(logger, name, sentence);
}
