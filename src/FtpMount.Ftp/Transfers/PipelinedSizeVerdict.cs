using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Transfers;

/// <summary>
/// What the replies after an upload with a pipelined SIZE said (<see cref="PipelinedSizeCheck"/>): a verified size,
/// a success whose size must be asked again alone, a failed transfer (with its reply), or a reply that fits no
/// command sent (the connection is out of step).
/// </summary>
internal sealed record PipelinedSizeVerdict(long? Size, FtpReply? Failure, FtpReply? Unexpected)
{
    public static PipelinedSizeVerdict AskAgain { get; } = new(null, null, null);

    public static PipelinedSizeVerdict Verified(long size) => new(size, null, null);

    public static PipelinedSizeVerdict Failed(FtpReply reply) => new(null, reply, null);

    public static PipelinedSizeVerdict OutOfStep(FtpReply reply) => new(null, null, reply);
}
