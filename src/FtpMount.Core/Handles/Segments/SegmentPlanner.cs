namespace FtpMount.Core.Handles.Segments;

/// <summary>
/// Decides from measurements whether a sequential read should switch from one RETR to several ranged ones, and how
/// large each range is. Pure: no clock, no network, so every rule can be tested on its own.
/// </summary>
internal static class SegmentPlanner
{
    /// <summary>A read must have gone this far in order before we believe it will go on (cp, dd, sha256sum).</summary>
    public const long SequentialThresholdBytes = 8L * 1024 * 1024;

    /// <summary>
    /// A stream this fast is not held back by latency or a per-connection cap worth splitting: on loopback one RETR
    /// does more than 1 GB/s and the CPU is the limit, so more streams would only add copies and ABORs.
    /// </summary>
    public const double FastStreamBytesPerSecond = 32.0 * 1024 * 1024;

    public const int MinSegmentBytes = 4 * 1024 * 1024;

    public const int MaxSegmentBytes = 16 * 1024 * 1024;

    /// <summary>The pooled memory one reader may hold in segments at once.</summary>
    public const long MaxBufferedBytes = 32L * 1024 * 1024;

    /// <summary>
    /// Each segment pays a start (PASV, REST, RETR, data connect) and an ABOR; a segment that streams for this many
    /// start times spends at most about a tenth of its life on them.
    /// </summary>
    private const double StartCostsPerSegment = 8;

    /// <summary>Whether splitting could pay, before asking anyone for connections.</summary>
    public static bool WorthSplitting(long sequentialBytes, double streamBytesPerSecond, long remainingBytes) =>
        sequentialBytes >= SequentialThresholdBytes
        && streamBytesPerSecond > 0
        && streamBytesPerSecond < FastStreamBytesPerSecond
        && remainingBytes >= 2L * MinSegmentBytes;

    /// <summary>
    /// The plan for a reader, or <see langword="null"/> to keep the single stream. <paramref name="freeStreams"/>
    /// is what the stream budget can give without taking the last connection from listings and other handles.
    /// </summary>
    public static SegmentPlan? Plan(
        long sequentialBytes, double streamBytesPerSecond, TimeSpan startCost, long remainingBytes, int freeStreams)
    {
        if (!WorthSplitting(sequentialBytes, streamBytesPerSecond, remainingBytes))
        {
            return null;
        }

        var segmentBytes = SegmentBytes(streamBytesPerSecond, startCost);
        var count = (int)Math.Min(
            Math.Min(freeStreams, MaxBufferedBytes / segmentBytes),
            (remainingBytes + segmentBytes - 1) / segmentBytes);

        // One segment alone is the single stream with extra ABORs.
        return count >= 2 ? new SegmentPlan(count, segmentBytes) : null;
    }

    /// <summary>Throughput × start cost, so faster or farther links get longer ranges; bounded by the memory cap.</summary>
    public static int SegmentBytes(double streamBytesPerSecond, TimeSpan startCost)
    {
        var wanted = streamBytesPerSecond * startCost.TotalSeconds * StartCostsPerSegment;
        if (double.IsNaN(wanted) || wanted <= MinSegmentBytes)
        {
            return MinSegmentBytes;
        }

        return wanted >= MaxSegmentBytes ? MaxSegmentBytes : RoundUpToMiB((long)wanted);
    }

    private static int RoundUpToMiB(long bytes) => (int)((bytes + (1 << 20) - 1) >> 20 << 20);
}
