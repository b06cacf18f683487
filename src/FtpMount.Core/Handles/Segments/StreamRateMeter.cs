using System.Diagnostics;

namespace FtpMount.Core.Handles.Segments;

/// <summary>
/// Measures one stream since it was (re)started: bytes delivered, and the time spent waiting for them. Time the
/// application spends elsewhere does not count, so a slow consumer does not make a fast link look slow.
/// </summary>
internal sealed class StreamRateMeter
{
    private long _waitTicks;

    /// <summary>What the last open took (pool, PASV, REST, RETR, data connect): the price of one more stream.</summary>
    public TimeSpan StartCost { get; private set; }

    public long Bytes { get; private set; }

    public double BytesPerSecond =>
        _waitTicks == 0 ? double.PositiveInfinity : Bytes * (double)Stopwatch.Frequency / _waitTicks;

    public void Restarted(TimeSpan startCost)
    {
        StartCost = startCost;
        Bytes = 0;
        _waitTicks = 0;
    }

    public void Add(long bytes, long waitedSince)
    {
        Bytes += bytes;
        _waitTicks += Stopwatch.GetTimestamp() - waitedSince;
    }
}
