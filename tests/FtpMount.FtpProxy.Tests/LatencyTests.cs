using FtpMount.FtpProxy.Relay;
using FtpMount.FtpProxy.Tests.Relay;
using FtpMount.FtpProxy.Tests.Upstream;

namespace FtpMount.FtpProxy.Tests;

/// <summary>
/// The delay on the real clock. Only lower bounds and orderings are asserted, which hold however slow the machine is;
/// the schedule itself is proven on a hand-moved clock in <see cref="DelayScheduleTests"/>.
/// </summary>
public class LatencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_20_ms_one_way_delay_never_gives_a_round_trip_under_40_ms()
    {
        var delay = TimeSpan.FromMilliseconds(20);
        var log = new ChunkLog(TimeProvider.System);
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, new FtpProxyOptions { OneWayDelay = delay }, TimeProvider.System, log);
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);

        var samples = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            samples.Add(await Net.PingAsync(client, Ct));
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"RTTs with 20 ms one-way delay: {string.Join(", ", samples.Select(s => $"{s.TotalMilliseconds:F1}"))} ms");
        Assert.All(samples, rtt => Assert.True(rtt >= 2 * delay, $"round trip of {rtt.TotalMilliseconds} ms"));
        var chunks = log.Snapshot();
        Assert.Equal(10, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.Equal(c.Received + delay, c.Due);
            Assert.True(c.Sending >= c.Due, c.ToString());
        });
    }

    [Fact(Timeout = 30_000)]
    public async Task Under_delay_the_reader_keeps_reading_while_earlier_chunks_wait()
    {
        // Long enough that only a reader starved for a quarter of a second could miss the overlap, yet a reader that
        // slept per chunk can never show it: its next read always starts after the previous chunk went out.
        var delay = TimeSpan.FromMilliseconds(250);
        var payload = new byte[1024 * 1024];
        new Random(5).NextBytes(payload);
        var log = new ChunkLog(TimeProvider.System);
        await using var source = LoopbackServer.Source(payload);
        await using var proxy = FtpProxy.Start(
            source.EndPoint, new FtpProxyOptions { OneWayDelay = delay, RewritePassiveReplies = false }, TimeProvider.System, log);
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);

        var (bytes, error) = await Net.DrainAsync(client, Ct);

        Assert.Null(error);
        Assert.Equal(payload.Length, bytes);
        var chunks = log.Of(RelayDirection.ToClient);
        var deepest = chunks.Max(c => ChunkLog.QueueDepthAt(chunks, c));
        TestContext.Current.TestOutputHelper?.WriteLine($"{chunks.Count} chunks, at most {deepest} queued at once");
        Assert.True(deepest >= 2, $"never more than one chunk queued:\n{string.Join('\n', chunks)}");
        Assert.All(chunks, c => Assert.True(c.Sending >= c.Due, c.ToString()));
    }
}
