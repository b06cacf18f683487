using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp.Protocol;

/// <summary>
/// Whether commands may travel in one flight, shared by every session of a pool: on by the option, off for good
/// once any session saw a server's replies out of step with a flight. One word for all sessions, so the data
/// channel's EPSV+command, the SIZE behind an upload and the placement flight all stop together.
/// </summary>
internal sealed class PipeliningSwitch(bool enabled, ILogger logger)
{
    private int _refused;

    public bool IsOn => enabled && Volatile.Read(ref _refused) == 0;

    /// <summary>Turns pipelining off for every session sharing this switch; logged once.</summary>
    public void Refuse(FtpPipeliningException reason)
    {
        if (Interlocked.Exchange(ref _refused, 1) == 0 && enabled)
        {
            FtpLog.PipeliningOff(logger, reason.Message);
        }
    }
}
