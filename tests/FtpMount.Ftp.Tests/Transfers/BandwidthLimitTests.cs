using FtpMount.Ftp.Transfers;
using Microsoft.Extensions.Time.Testing;

namespace FtpMount.Ftp.Tests.Transfers;

public class BandwidthLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 10_000)]
    public void An_idle_limit_lets_half_a_second_of_data_through_at_once()
    {
        var clock = new FakeTimeProvider();
        var limit = new BandwidthLimit(1_000_000, clock);

        Assert.True(limit.PayAsync(500_000, Ct).AsTask().IsCompleted);
        Assert.False(limit.PayAsync(10_000, Ct).AsTask().IsCompleted);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_payment_ahead_of_the_rate_waits_until_the_rate_allows_it()
    {
        var clock = new FakeTimeProvider();
        var limit = new BandwidthLimit(1_000_000, clock);
        await limit.PayAsync(500_000, Ct);

        // 100 kB over the burst at 1 MB/s: due 100 ms from now, not earlier.
        var waiting = limit.PayAsync(100_000, Ct).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact(Timeout = 10_000)]
    public async Task Transfers_sharing_a_limit_share_its_rate()
    {
        // Four transfers paying 50 kB each, ten times over, at 1 MB/s: 2 MB, which the rate allows in 2 s less the
        // half-second burst. The fake clock moves in 10 ms steps until all are done.
        var clock = new FakeTimeProvider();
        var limit = new BandwidthLimit(1_000_000, clock);
        var transfers = Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 10; i++)
            {
                await limit.PayAsync(50_000, Ct);
            }
        }).ToArray();

        var elapsed = TimeSpan.Zero;
        while (!transfers.All(t => t.IsCompleted) && elapsed < TimeSpan.FromSeconds(10))
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            elapsed += TimeSpan.FromMilliseconds(10);
            await Task.Yield();
            await Task.Delay(1, Ct);
        }

        await Task.WhenAll(transfers);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(1490), TimeSpan.FromMilliseconds(1520));
    }

    [Fact(Timeout = 10_000)]
    public void Time_left_unused_is_not_saved_up_beyond_the_burst()
    {
        var clock = new FakeTimeProvider();
        var limit = new BandwidthLimit(1_000_000, clock);
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(limit.PayAsync(500_000, Ct).AsTask().IsCompleted);
        Assert.False(limit.PayAsync(10_000, Ct).AsTask().IsCompleted);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_cancelled_wait_ends_at_once()
    {
        var clock = new FakeTimeProvider();
        var limit = new BandwidthLimit(1_000_000, clock);
        using var cancel = new CancellationTokenSource();
        await limit.PayAsync(500_000, Ct);
        var waiting = limit.PayAsync(1_000_000, cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Theory]
    [InlineData(1_024, 4 * 1024)]
    [InlineData(1_000_000, 50_000)]
    [InlineData(100_000_000, 256 * 1024)]
    public void Transfers_move_a_twentieth_of_a_second_per_payment_within_bounds(long rate, int chunk) =>
        Assert.Equal(chunk, new BandwidthLimit(rate).ChunkSize);
}
