using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Transfers;

/// <summary>How a transfer's control-connection side is finished: normally, or aborted with a bounded drain.</summary>
internal static class TransferEnd
{
    /// <summary>After the data connection closed: the final 226/250, or the failure it reports (426, 451, 452, 552 ...).</summary>
    public static async Task CompleteAsync(FtpSession session, string action, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await session.Control.ReadReplyAsync(session.Options.DataTimeout, cancellationToken).ConfigureAwait(false);
            FtpReplyChecks.ExpectSuccess(reply, action);
        }
        finally
        {
            session.TransferClosed();
        }
    }

    /// <summary>
    /// Stops a transfer early. Servers differ (research §5: vsftpd and proftpd only answer once the data socket
    /// closes, pure-ftpd may send no error reply at all), so: the data socket is already closed, send ABOR, wait for
    /// the server's first answer, then send NOOP and discard every reply until the NOOP's 200. Past the deadline the
    /// connection is discarded.
    /// </summary>
    /// <remarks>
    /// NOOP must not travel with ABOR: during a download pure-ftpd polls the control connection with one read() of
    /// up to 99 bytes and acts on the first line only (ftpd.c, dlhandler_handle_commands), so a NOOP that arrived
    /// in the same read is lost and its 200 never comes. The first reply after ABOR means the server has left its
    /// transfer loop or answered ABOR there; from then on it reads commands line by line.
    /// </remarks>
    public static async Task AbortAsync(FtpSession session, string reason)
    {
        FtpLog.AbortingTransfer(session.Logger, reason);
        var control = session.Control;
        try
        {
            if (control.IsBroken)
            {
                return;
            }

            using var deadline = new CancellationTokenSource(session.Options.AbortTimeout);
            await control.SendWithRepliesPendingAsync("ABOR", deadline.Token).ConfigureAwait(false);
            await control.ReadReplyAsync(session.Options.AbortTimeout, deadline.Token).ConfigureAwait(false);
            if (!control.IsBroken)
            {
                await control.SendWithRepliesPendingAsync("NOOP", deadline.Token).ConfigureAwait(false);
                for (var replies = 1; replies < 8; replies++)
                {
                    var reply = await control.ReadReplyAsync(session.Options.AbortTimeout, deadline.Token).ConfigureAwait(false);
                    // Transfer and ABOR replies are 225/226/426/451 (and pure-ftpd's stray 150); only NOOP answers 200.
                    if (reply.Code == 200)
                    {
                        return;
                    }

                    if (control.IsBroken)
                    {
                        break;
                    }
                }
            }

            control.MarkBroken();
            FtpLog.DiscardingConnection(session.Logger, "no NOOP reply after ABOR");
        }
        catch (Exception e) when (e is FtpException or OperationCanceledException)
        {
            control.MarkBroken();
            FtpLog.DiscardingConnection(session.Logger, $"abort did not settle: {e.Message}");
        }
        finally
        {
            session.TransferClosed();
        }
    }
}
