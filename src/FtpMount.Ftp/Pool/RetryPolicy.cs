using FtpMount.Ftp.Errors;

namespace FtpMount.Ftp.Pool;

/// <summary>
/// The one retry policy of the FTP layer, for commands and for opening transfers alike. An attempt that failed
/// because of the connection (lost, timed out, 421, a connection limit) is tried again on a fresh connection with
/// growing pauses, for idempotent operations only, unless the command never left (out of step): then always. All
/// attempts share one <see cref="OperationDeadline"/>: the operation ends once the server has not answered it for
/// the quiet time, however many attempts that spans, so retries never multiply what a program waits; queueing for
/// a connection does not count. Operations send at most one command with an effect, and send it last (RNFR before
/// RNTO, REST before RETR), so "not sent" covers the whole effect.
/// </summary>
internal static class RetryPolicy
{
    /// <param name="total">Time for the whole operation, retries included (listings); null: bounded by silence only.</param>
    /// <param name="attempt">Owns the lease when it returns (it disposes it or hands it to a stream); on a failure
    /// the policy closes or returns it.</param>
    public static async Task<T> RunAsync<T>(
        FtpConnectionPool pool,
        string operation,
        bool idempotent,
        TimeSpan? total,
        Func<FtpSessionLease, CancellationToken, Task<T>> attempt,
        CancellationToken cancellationToken)
    {
        var options = pool.Options;
        using var deadline = new OperationDeadline(options.OperationTimeout, total, pool.Time, cancellationToken);
        var backoff = new RetryBackoff(options.RetryBaseDelay, pool.Time, pool.Logger);
        for (var tries = 1; ; tries++)
        {
            FtpSessionLease? lease = null;
            string failure;
            try
            {
                lease = await pool.RentAsync(deadline, cancellationToken).ConfigureAwait(false);
                lease.Session.Control.OnProgress = deadline.Progress;
                return await attempt(lease, deadline.Start()).ConfigureAwait(false);
            }
            catch (Exception e) when ((e is OperationCanceledException || e is FtpTimeoutException { WhileQueued: false })
                                      && deadline.HasPassed && !cancellationToken.IsCancellationRequested)
            {
                Release(lease, discard: true);
                throw new FtpTimeoutException(
                    $"{operation}: the server {deadline.Describe()} ({tries} attempt{(tries == 1 ? "" : "s")}; last: {LastError(e)}).");
            }
            catch (FtpException e) when (ShouldRetry(e, idempotent, tries, options.RetryCount) && deadline.AllowsPause(backoff.Next))
            {
                Release(lease, discard: true);
                failure = e.Message;
            }
            catch (Exception e)
            {
                Release(lease, discard: e is FtpException { BreaksConnection: true } or OperationCanceledException);
                throw;
            }

            await backoff.PauseAsync(operation, failure, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Failures of the connection, not of the request: lost, timed out, 421 closing, 425/426 data connection
    /// trouble, a connection limit, a stray reply, replies out of step with pipelined commands (the next attempt runs
    /// with pipelining off; only idempotent operations, such as an upload to a temporary name, are tried again). A
    /// 450/451/452 is about the file or the disk; repeating it at once helps nobody. A caller that queued in vain would
    /// only queue again.
    /// </summary>
    internal static bool IsRetryable(FtpException e) =>
        e is FtpConnectionLostException or FtpTimeoutException { WhileQueued: false } or FtpConnectionLimitException
            or FtpOutOfStepException or FtpPipeliningException
        || e is FtpTransientException { Reply.Code: 421 or 425 or 426 };

    private static bool ShouldRetry(FtpException e, bool idempotent, int tries, int retryCount) =>
        tries <= retryCount && (idempotent || e is FtpOutOfStepException) && IsRetryable(e);

    private static string LastError(Exception e) =>
        e is OperationCanceledException ? "cancelled at the deadline" : e.Message.TrimEnd('.');

    private static void Release(FtpSessionLease? lease, bool discard)
    {
        if (lease is null)
        {
            return;
        }

        if (discard)
        {
            lease.Discard();
        }

        lease.Dispose();
    }
}
