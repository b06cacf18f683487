using System.Globalization;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Placing;

/// <summary>
/// Puts a verified upload in place on one session: sets its mode and time while it still has its temporary name,
/// then renames it over the target. Pipelined, all of it is one flight (one round trip): none of these answers
/// decides whether another command may be sent. SITE CHMOD and MFMT only touch our own temporary file, whatever they
/// answer; RNTO takes effect only after a 350 to RNFR (RFC 959 §4.1.3), so after a refused RNFR the server refuses it
/// too (503 on vsftpd, pure-ftpd, proftpd and pyftpdlib) and nothing is replaced. The caller verifies the upload's
/// size before calling this: RNTO is the one destructive step, and it must never travel with the check that
/// guards it. Times set before the rename stay after it, as rename(2) keeps them.
/// </summary>
internal static class UploadPlacement
{
    private enum Step
    {
        Mode,
        Time,
        RenameFrom,
        RenameTo,
    }

    /// <param name="prepareData">
    /// More uploads are likely to follow: EPSV leads the flight where the session can make a data connection ready
    /// ahead (<see cref="Data.ReadyDataConnection"/>). Its reply comes first and decides nothing here.
    /// </param>
    public static async Task<FtpPlaceOutcome> RunAsync(
        FtpSession session,
        string temporary,
        string target,
        int? mode,
        DateTimeOffset? time,
        bool pipelined,
        bool prepareData,
        CancellationToken cancellationToken)
    {
        FtpControlConnection.EnsureSafe(temporary);
        FtpControlConnection.EnsureSafe(target);
        session.EnsureIdle();
        var steps = new List<(Step Step, string Command)>(4);
        FtpException? timeError = null;
        if (mode is { } bits)
        {
            steps.Add((Step.Mode, string.Create(CultureInfo.InvariantCulture, $"SITE CHMOD {Convert.ToString(bits & 0xFFF, 8)} {temporary}")));
        }

        if (time is { } stamp)
        {
            if (session.TimeCommand(temporary, stamp) is { } command)
            {
                steps.Add((Step.Time, command));
            }
            else
            {
                timeError = FtpSession.TimeUnsupported(temporary);
            }
        }

        steps.Add((Step.RenameFrom, $"RNFR {temporary}"));
        steps.Add((Step.RenameTo, $"RNTO {target}"));
        var control = session.Control;
        if (pipelined)
        {
            var ahead = prepareData && session.DataChannels.CanPrepareAhead;
            await control.SendFlightAsync([.. ahead ? ["EPSV"] : Array.Empty<string>(), .. steps.Select(s => s.Command)], cancellationToken)
                .ConfigureAwait(false);
            if (ahead)
            {
                session.DataChannels.AheadAnswered(await control.ReadReplyAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        FtpException? modeError = null;
        FtpException? renameFromError = null;
        foreach (var (step, command) in steps)
        {
            if (!pipelined)
            {
                if (step == Step.RenameTo && renameFromError is not null)
                {
                    break;
                }

                await control.SendAsync(command, cancellationToken).ConfigureAwait(false);
            }

            var reply = await control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            switch (step)
            {
                case Step.Mode:
                    modeError = Optional(control, reply, command, $"SITE CHMOD {temporary}");
                    break;
                case Step.Time:
                    timeError = Optional(control, reply, command, $"Setting the time of {temporary}");
                    session.TimeAnswered(reply);
                    break;
                case Step.RenameFrom:
                    renameFromError = RenameFrom(control, reply, command, temporary);
                    break;
                case Step.RenameTo:
                    RenameTo(control, reply, command, temporary, target, renameFromError);
                    break;
            }
        }

        return renameFromError is null
            ? modeError is null && timeError is null ? FtpPlaceOutcome.Applied : new FtpPlaceOutcome(modeError, timeError)
            : throw renameFromError;
    }

    private static FtpException? Optional(FtpControlConnection control, FtpReply reply, string command, string action) =>
        reply.Code switch
        {
            >= 200 and < 300 => null,
            >= 400 => FtpReplyChecks.Failure(reply, action),
            _ => throw Mismatch(control, reply, command),
        };

    private static FtpException? RenameFrom(FtpControlConnection control, FtpReply reply, string command, string temporary)
    {
        var action = $"RNFR {temporary}";
        return reply.Code switch
        {
            350 => null,
            >= 500 => new FtpRenameSourceRefusedException($"{action} failed: {reply.Code} {FtpReplyReader.Printable(reply.Message)}", reply),
            >= 400 => FtpReplyChecks.Failure(reply, action),
            _ => throw Mismatch(control, reply, command),
        };
    }

    private static void RenameTo(
        FtpControlConnection control, FtpReply reply, string command, string temporary, string target, FtpException? renameFromError)
    {
        if (renameFromError is not null)
        {
            // RNTO without an accepted RNFR must be refused; a success would mean something unknown was renamed.
            if (reply.Code < 400)
            {
                throw Mismatch(control, reply, command);
            }

            return;
        }

        if (reply.Code is >= 100 and < 200 or >= 300 and < 400)
        {
            throw Mismatch(control, reply, command);
        }

        FtpReplyChecks.ExpectSuccess(reply, $"Rename {temporary} to {target}");
    }

    private static FtpPipeliningException Mismatch(FtpControlConnection control, FtpReply reply, string command) =>
        control.OutOfStep(reply, command.StartsWith("SITE ", StringComparison.Ordinal) ? "SITE CHMOD" : command.Split(' ', 2)[0]);
}
