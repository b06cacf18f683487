using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp.Pool;

/// <summary>
/// The pauses between the attempts of one operation, the one back-off of the FTP layer: the first is
/// <see cref="FtpClientOptions.RetryBaseDelay"/>, each next one twice the last, never more than <see cref="MaxPause"/>,
/// and each is logged before it is taken. Used for retried commands and transfers (<see cref="RetryPolicy"/>) and
/// for a pool that hit the server's connection limit with nothing of its own open.
/// </summary>
/// <remarks>
/// No jitter: the callers that back off together share one pool, whose waiters are woken one at a time as
/// connections come free, so their attempts do not arrive at the server in step.
/// </remarks>
internal sealed class RetryBackoff(TimeSpan first, TimeProvider time, ILogger logger)
{
    /// <summary>A retry is for a server that is briefly away: longer pauses only hide that it came back.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    private int _pauses;

    /// <summary>The pause the next <see cref="PauseAsync"/> takes.</summary>
    public TimeSpan Next { get; private set; } = first < MaxPause ? first : MaxPause;

    /// <summary>Logs why, waits <see cref="Next"/>, and doubles it up to <see cref="MaxPause"/>.</summary>
    /// <param name="reason">What failed: the attempt's error.</param>
    public async Task PauseAsync(string operation, string reason, CancellationToken cancellationToken)
    {
        var pause = Next;
        FtpLog.Retrying(logger, operation, reason, ++_pauses, pause);
        await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        Next = pause.Ticks < MaxPause.Ticks / 2 ? pause * 2 : MaxPause;
    }
}
