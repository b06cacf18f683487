using System.Net.Sockets;

namespace FtpMount.Ftp.Transfers;

/// <summary>
/// A byte rate shared by every transfer of one direction of a mount (rclone's --bwlimit): each transfer pays for the
/// bytes it moves and waits when the mount as a whole is ahead of the rate. Scheduled by a virtual clock (the time at
/// which everything paid for so far would have passed at the rate) rather than refilled buckets, so many transfers
/// sharing it need no timer and the long-run rate is exact.
/// </summary>
public sealed class BandwidthLimit
{
    /// <summary>
    /// Credit a mount may spend at once after it fell behind the rate (idle, or its reader stalled): half a second,
    /// so a transfer that stalled briefly catches up and the rate holds on average, while a burst stays short.
    /// </summary>
    private static readonly TimeSpan Burst = TimeSpan.FromMilliseconds(500);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly double _ticksPerByte;
    private readonly long _burstTicks;

    // Guarded by _lock: the timestamp at which every byte paid for so far has passed at the rate.
    private long _clearAt;

    public BandwidthLimit(long bytesPerSecond, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        BytesPerSecond = bytesPerSecond;
        _time = time ?? TimeProvider.System;
        _ticksPerByte = (double)_time.TimestampFrequency / bytesPerSecond;
        _burstTicks = (long)(Burst.TotalSeconds * _time.TimestampFrequency);
        _clearAt = _time.GetTimestamp();

        // A twentieth of a second of data per read or write: fine-grained enough that transfers sharing the rate
        // take turns, large enough that a fast limit does not cost a system call per few bytes.
        ChunkSize = (int)Math.Clamp(bytesPerSecond / 20, 4 * 1024, 256 * 1024);
    }

    public long BytesPerSecond { get; }

    /// <summary>
    /// A throttled direction gets a small kernel buffer (an eighth of a second of data): the bytes wait on the
    /// sender's side instead of crossing the link at full speed into megabytes of socket buffer, so the link itself
    /// carries the rate, as a user limiting a shared line expects.
    /// </summary>
    internal static void SizeBuffers(Socket socket, long? downloadBytesPerSecond, long? uploadBytesPerSecond)
    {
        if (downloadBytesPerSecond is { } down)
        {
            socket.ReceiveBufferSize = BufferFor(down);
        }

        if (uploadBytesPerSecond is { } up)
        {
            socket.SendBufferSize = BufferFor(up);
        }
    }

    private static int BufferFor(long bytesPerSecond) => (int)Math.Clamp(bytesPerSecond / 8, 16 * 1024, 4 * 1024 * 1024);

    /// <summary>The most a transfer moves between two payments.</summary>
    public int ChunkSize { get; }

    /// <summary>
    /// Pays for <paramref name="bytes"/> and waits until the rate allows them. Cancelled, the bytes stay paid
    /// for: they were (or are about to be) on the wire anyway.
    /// </summary>
    public ValueTask PayAsync(int bytes, CancellationToken cancellationToken)
    {
        if (bytes <= 0)
        {
            return ValueTask.CompletedTask;
        }

        long wait;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            // Time not used is lost beyond the burst: an idle mount does not save up a minute of full speed.
            var start = Math.Max(_clearAt, now);
            _clearAt = start + (long)Math.Ceiling(bytes * _ticksPerByte);
            wait = _clearAt - now - _burstTicks;
        }

        return wait <= 0
            ? ValueTask.CompletedTask
            : new ValueTask(Task.Delay(TimeSpan.FromSeconds((double)wait / _time.TimestampFrequency), _time, cancellationToken));
    }
}
