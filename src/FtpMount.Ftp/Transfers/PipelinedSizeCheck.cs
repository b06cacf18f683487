using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Transfers;

/// <summary>
/// Reads the two replies owed after an upload whose SIZE was sent right behind the end of its data, before the
/// transfer's final reply came (one round trip for both). Which reply answers what is told by codes alone: a
/// transfer ends with a 2xx other than 213 (226, 250), SIZE answers 213 or an error. Servers differ in when they
/// read the SIZE: vsftpd only after the transfer, so its answer follows the 226; proftpd and pyftpdlib were seen to
/// answer 213 before the 226 (pyftpdlib reads commands during transfers, with the size so far); pure-ftpd answers
/// commands during a transfer with 500. A size
/// counts as verified only when its answer came after the transfer's success; anything else means "ask SIZE again,
/// alone". Two replies are owed in every case, so once both are read the connection is in step.
/// </summary>
internal static class PipelinedSizeCheck
{
    /// <summary>What the first reply means; <see cref="PipelinedSizeVerdict.OutOfStep"/> means the second is not read.</summary>
    public static PipelinedSizeVerdict? JudgeFirst(FtpReply first) =>
        first.IsPreliminary || first.IsIntermediate ? PipelinedSizeVerdict.OutOfStep(first) : null;

    public static PipelinedSizeVerdict Judge(FtpReply first, FtpReply second)
    {
        if (JudgeFirst(first) is { } outOfStep)
        {
            return outOfStep;
        }

        if (second.IsPreliminary || second.IsIntermediate)
        {
            return PipelinedSizeVerdict.OutOfStep(second);
        }

        if (EndsTransfer(first))
        {
            // The SIZE was answered after the transfer's success: its size is the stored file's.
            if (EndsTransfer(second))
            {
                return PipelinedSizeVerdict.OutOfStep(second);
            }

            return second.Code == 213 && FtpSession.TryParseSize(second, out var size)
                ? PipelinedSizeVerdict.Verified(size)
                : PipelinedSizeVerdict.AskAgain;
        }

        if (first.Code == 213)
        {
            // Answered while the transfer still ran (pyftpdlib): the size of a part, never a verification.
            return EndsTransfer(second) ? PipelinedSizeVerdict.AskAgain
                : second.Code == 213 ? PipelinedSizeVerdict.OutOfStep(second)
                : PipelinedSizeVerdict.Failed(second);
        }

        // first is a 4xx/5xx: the transfer's failure (the SIZE's answer follows), or the SIZE's answer during the
        // transfer (pure-ftpd's 500), with the transfer's end behind it.
        if (EndsTransfer(second))
        {
            return PipelinedSizeVerdict.AskAgain;
        }

        if (second.Code == 213)
        {
            return PipelinedSizeVerdict.Failed(first);
        }

        // Both refusals: the transfer failed either way. A "command not understood" first is the in-transfer answer.
        return PipelinedSizeVerdict.Failed(first.Code is 500 or 502 ? second : first);
    }

    private static bool EndsTransfer(FtpReply reply) => reply.IsSuccess && reply.Code != 213;
}
