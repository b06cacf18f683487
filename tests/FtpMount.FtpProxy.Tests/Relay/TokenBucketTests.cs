using FtpMount.FtpProxy.Relay;
using Microsoft.Extensions.Time.Testing;

namespace FtpMount.FtpProxy.Tests.Relay;

/// <summary>The bandwidth cap's schedule, on a clock that moves exactly as long as the bucket says to wait.</summary>
public class TokenBucketTests
{
    [Theory]
    [InlineData(10_000L)]
    [InlineData(1_000_000L)]
    [InlineData(100_000_000L)]
    public void Every_byte_is_granted_at_the_cap_within_one_slice_after_the_first_burst(long rate)
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(clock);
        var slice = TokenBucket.SliceSize(rate);
        var burst = TokenBucket.Capacity(rate);
        var start = clock.GetUtcNow();
        long granted = 0;

        // Two seconds' worth, taken slice by slice as a pipe does, each after the wait the bucket asked for.
        while (granted < 2 * rate)
        {
            clock.Advance(bucket.Reserve(slice, rate));
            granted += slice;
            var at = (clock.GetUtcNow() - start).TotalSeconds;

            // Never ahead of the cap, never behind it by more than a slice (plus the wait's rounding to 1 ms).
            Assert.True(granted <= burst + (rate * at) + 1e-6, $"{granted} B granted after {at} s at {rate} B/s");
            Assert.True(rate * at <= Math.Max(0, granted - burst) + slice + (rate * 0.001), $"{granted} B granted only after {at} s at {rate} B/s");
        }

        var expected = (granted - burst) / rate;
        var elapsed = (clock.GetUtcNow() - start).TotalSeconds;
        Assert.InRange(elapsed, expected, expected + ((double)slice / rate) + 0.001);
    }

    [Fact]
    public void Idle_time_buys_at_most_one_burst()
    {
        const long Rate = 1_000_000;
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(clock);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(1000, Rate));

        clock.Advance(TimeSpan.FromSeconds(10));

        // Ten idle seconds leave 50 ms worth, not ten seconds' worth: a second of data still takes 950 ms.
        var wait = bucket.Reserve((int)Rate, Rate);
        Assert.Equal(TimeSpan.FromMilliseconds(950), wait);
    }

    [Fact]
    public void A_new_cap_starts_a_full_bucket_instead_of_the_old_caps_debt()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(clock);
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Reserve(1512, 1_000));

        Assert.Equal(TimeSpan.Zero, bucket.Reserve(10_000, 1_000_000));
    }
}
