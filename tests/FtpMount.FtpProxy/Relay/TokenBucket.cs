namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// Bandwidth cap for one direction of one connection. Taking more than is available goes into debt and waits it
/// off, so the long-run rate is exact whatever the chunk sizes; the bucket holds 50 ms worth, so idle time buys only
/// a short burst.
/// </summary>
internal sealed class TokenBucket(TimeProvider clock)
{
    private long _rate;
    private double _tokens;
    private long _lastRefill;

    /// <summary>Writes are cut to about 10 ms worth so a low cap trickles smoothly instead of in 64 KiB bursts.</summary>
    public static int SliceSize(long bytesPerSecond) => (int)Math.Clamp(bytesPerSecond / 100, 512, 64 * 1024);

    /// <summary>How many bytes a full bucket holds: what idle time can buy at most.</summary>
    public static double Capacity(long bytesPerSecond) => Math.Max(bytesPerSecond / 20.0, SliceSize(bytesPerSecond));

    public async ValueTask TakeAsync(int bytes, long bytesPerSecond, CancellationToken cancellationToken)
    {
        var wait = Reserve(bytes, bytesPerSecond);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes <paramref name="bytes"/> now and returns how long the caller must wait before sending them.</summary>
    internal TimeSpan Reserve(int bytes, long bytesPerSecond)
    {
        var now = clock.GetTimestamp();
        var capacity = Capacity(bytesPerSecond);
        if (bytesPerSecond != _rate)
        {
            // A new cap starts a fresh, full bucket rather than inheriting debt measured at another rate.
            _rate = bytesPerSecond;
            _tokens = capacity;
        }
        else
        {
            _tokens = Math.Min(capacity, _tokens + (clock.GetElapsedTime(_lastRefill, now).TotalSeconds * bytesPerSecond));
        }

        _lastRefill = now;
        _tokens -= bytes;
        return _tokens < 0 ? TimeSpan.FromMilliseconds(Math.Ceiling(-_tokens * 1000 / bytesPerSecond)) : TimeSpan.Zero;
    }
}
