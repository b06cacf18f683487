using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Listing;

/// <summary>
/// The exact times of a listed folder's files (where LIST gives only minutes), MDTM for each path in one flight
/// (pipelining): read-only commands whose answers decide nothing about each other, so a folder's files cost one
/// round trip instead of one each. Null where the server gave no time: a refusal of that path (550: gone,
/// unreadable), a transient 4xx, or a 213 that is not a timestamp. A refused command (500, 502, 504) throws once
/// every reply was read; a reply that answers no MDTM closes the connection.
/// </summary>
internal static class MdtmFlight
{
    /// <summary>
    /// Commands per flight: a folder's files in one round trip or a few, and never so many replies that they could
    /// fill the socket buffers while the flight is still being written.
    /// </summary>
    public const int MaxCommands = 64;

    /// <param name="times">Receives the time of <c>paths[i]</c> at <c>first + i</c> as each reply arrives, so what came
    /// before a failure stays.</param>
    /// <param name="replyTimeout">Deadline for each reply (the caller's budget for the batch, at most).</param>
    public static async Task RunAsync(
        FtpSession session, IReadOnlyList<string> paths, DateTimeOffset?[] times, int first, TimeSpan replyTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paths.Count, MaxCommands);
        session.EnsureIdle();
        var control = session.Control;
        await control.SendFlightAsync([.. paths.Select(p => $"MDTM {p}")], cancellationToken).ConfigureAwait(false);
        FtpReply? refused = null;
        try
        {
            for (var i = 0; i < paths.Count; i++)
            {
                var reply = await control.ReadReplyAsync(replyTimeout, cancellationToken).ConfigureAwait(false);
                if (reply.Code == 213)
                {
                    times[first + i] = FtpTimestamp.TryParse(reply.Message.Trim(), out var time) ? time : null;
                }
                else if (reply.Code is 500 or 502 or 504)
                {
                    refused ??= reply;
                }
                else if (reply.Code < 400)
                {
                    throw control.OutOfStep(reply, "MDTM");
                }
            }
        }
        catch (Exception e) when (e is not FtpPipeliningException)
        {
            // Replies of the flight may still be on their way: nothing else may be read as theirs.
            control.MarkBroken();
            throw;
        }

        if (refused is not null)
        {
            throw FtpReplyChecks.Failure(refused, "MDTM");
        }
    }
}
