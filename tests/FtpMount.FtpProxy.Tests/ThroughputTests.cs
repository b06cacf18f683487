using System.Diagnostics;
using FtpMount.FtpProxy.Tests.Upstream;

namespace FtpMount.FtpProxy.Tests;

public class ThroughputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Delay_does_not_throttle_a_bulk_transfer()
    {
        var payload = new byte[20 * 1024 * 1024];
        new Random(7).NextBytes(payload);
        await using var source = LoopbackServer.Source(payload);
        await using var proxy = FtpProxy.Start(source.EndPoint, new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(20) });
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);

        var start = Stopwatch.GetTimestamp();
        var (bytes, error) = await Net.DrainAsync(client, Ct);
        var elapsed = Stopwatch.GetElapsedTime(start);

        Assert.Null(error);
        Assert.Equal(payload.Length, bytes);
        // A sleep of 20 ms per 64 KiB read would manage 64 KiB / 20 ms ≈ 3.3 MB/s.
        var bytesPerSecond = bytes / elapsed.TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine($"20 MiB at 20 ms one-way delay: {bytesPerSecond / 1e6:F0} MB/s in {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(bytesPerSecond > 50e6, $"{bytesPerSecond / 1e6:F1} MB/s");
    }

    [Fact(Timeout = 30_000)]
    public async Task Bandwidth_cap_holds_the_rate()
    {
        const long Cap = 2_000_000;
        var payload = new byte[3_000_000];
        await using var source = LoopbackServer.Source(payload);
        await using var proxy = FtpProxy.Start(source.EndPoint, new FtpProxyOptions { BandwidthBytesPerSecond = Cap });
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);

        var start = Stopwatch.GetTimestamp();
        var (bytes, error) = await Net.DrainAsync(client, Ct);
        var elapsed = Stopwatch.GetElapsedTime(start);

        Assert.Null(error);
        Assert.Equal(payload.Length, bytes);
        var bytesPerSecond = bytes / elapsed.TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine($"2 MB/s cap: {bytesPerSecond / 1e6:F2} MB/s over {elapsed.TotalMilliseconds:F0} ms");
        Assert.InRange(bytesPerSecond, Cap * 0.75, Cap * 1.25);
    }
}
