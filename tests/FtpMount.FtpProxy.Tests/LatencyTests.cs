using System.Diagnostics;
using FtpMount.FtpProxy.Tests.Upstream;

namespace FtpMount.FtpProxy.Tests;

public class LatencyTests
{
    /// <summary>Scheduling noise on a busy two-core runner; the lower bound stays exact.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task One_way_delay_of_20_ms_gives_a_round_trip_of_40_ms()
    {
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(20) });
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);

        var median = await Net.MedianPingAsync(client, 11, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"median RTT with 20 ms one-way delay: {median.TotalMilliseconds:F1} ms");
        Assert.InRange(median, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(40) + Margin);
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_delay_the_round_trip_is_tiny()
    {
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, FtpProxyOptions.Default);
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);

        var median = await Net.MedianPingAsync(client, 11, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"median RTT without delay: {median.TotalMilliseconds:F2} ms");
        Assert.True(median < TimeSpan.FromMilliseconds(5), $"median RTT {median.TotalMilliseconds} ms");
    }

    [Fact(Timeout = 30_000)]
    public async Task Delayed_connections_do_not_wait_for_each_other()
    {
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(50) });
        using var first = await Net.ConnectAsync(proxy.EndPoint, Ct);
        using var second = await Net.ConnectAsync(proxy.EndPoint, Ct);

        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(FivePingsAsync(first), FivePingsAsync(second));
        var elapsed = Stopwatch.GetElapsedTime(start);

        // 5 round trips of 100 ms each; serialised connections would need 10.
        TestContext.Current.TestOutputHelper?.WriteLine($"2 × 5 parallel pings at 100 ms RTT: {elapsed.TotalMilliseconds:F0} ms");
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(750));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_delay_change_applies_to_traffic_already_flowing()
    {
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, FtpProxyOptions.Default);
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);
        // A median, not one ping: the first one pays for JIT and a busy machine.
        Assert.True(await Net.MedianPingAsync(client, 5, Ct) < TimeSpan.FromMilliseconds(20));

        proxy.OneWayDelay = TimeSpan.FromMilliseconds(30);

        Assert.InRange(await Net.MedianPingAsync(client, 5, Ct), TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(60) + Margin);
    }

    private static async Task FivePingsAsync(System.Net.Sockets.Socket socket)
    {
        for (var i = 0; i < 5; i++)
        {
            await Net.PingAsync(socket, Ct);
        }
    }
}
