using System.Diagnostics;
using FtpMount.FtpProxy.Relay;
using FtpMount.FtpProxy.Tests.Upstream;

namespace FtpMount.FtpProxy.Tests;

/// <summary>
/// The bandwidth cap on the real clock: a lower bound on the time only, which holds however slow the machine is. The
/// cap's exact schedule is proven on a hand-moved clock in <see cref="Relay.TokenBucketTests"/>, and the delay's
/// independence from throughput in <see cref="Relay.DelayScheduleTests"/>.
/// </summary>
public class ThroughputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_capped_transfer_takes_at_least_its_size_over_the_cap()
    {
        const long Cap = 500_000;
        var payload = new byte[300_000];
        new Random(11).NextBytes(payload);
        await using var source = LoopbackServer.Source(payload);
        await using var proxy = FtpProxy.Start(
            source.EndPoint, new FtpProxyOptions { BandwidthBytesPerSecond = Cap, RewritePassiveReplies = false });

        var start = Stopwatch.GetTimestamp();
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);
        var (bytes, error) = await Net.DrainAsync(client, Ct);
        var elapsed = Stopwatch.GetElapsedTime(start);

        Assert.Null(error);
        Assert.Equal(payload.Length, bytes);
        // The bucket starts full, and the last wait may end a timer tick early: allow one burst and one slice.
        var atLeast = TimeSpan.FromSeconds((payload.Length - TokenBucket.Capacity(Cap) - TokenBucket.SliceSize(Cap)) / Cap);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{payload.Length} B at a {Cap} B/s cap: {elapsed.TotalMilliseconds:F0} ms (at least {atLeast.TotalMilliseconds:F0} ms)");
        Assert.True(elapsed >= atLeast, $"{elapsed.TotalMilliseconds} ms");
    }
}
