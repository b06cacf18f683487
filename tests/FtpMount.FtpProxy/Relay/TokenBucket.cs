using System.Diagnostics;

namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// Bandwidth cap for one direction of one connection. Taking more than is available goes into debt and waits it
/// off, so the long-run rate is exact whatever the chunk sizes; the bucket holds 50 ms worth, so idle time buys only
/// a short burst.
/// </summary>
internal sealed class TokenBucket
{
    private long _rate;
    private double _tokens;
    private long _lastRefill;

    /// <summary>Writes are cut to about 10 ms worth so a low cap trickles smoothly instead of in 64 KiB bursts.</summary>
    public static int SliceSize(long bytesPerSecond) => (int)Math.Clamp(bytesPerSecond / 100, 512, 64 * 1024);

    public async ValueTask TakeAsync(int bytes, long bytesPerSecond, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var capacity = Math.Max(bytesPerSecond / 20.0, SliceSize(bytesPerSecond));
        if (bytesPerSecond != _rate)
        {
            // A new cap starts a fresh, full bucket rather than inheriting debt measured at another rate.
            _rate = bytesPerSecond;
            _tokens = capacity;
        }
        else
        {
            _tokens = Math.Min(capacity, _tokens + (Stopwatch.GetElapsedTime(_lastRefill, now).TotalSeconds * bytesPerSecond));
        }

        _lastRefill = now;
        _tokens -= bytes;
        if (_tokens < 0)
        {
            var wait = TimeSpan.FromMilliseconds(Math.Ceiling(-_tokens * 1000 / bytesPerSecond));
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }
}
