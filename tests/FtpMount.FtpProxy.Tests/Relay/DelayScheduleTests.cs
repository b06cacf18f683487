using System.Net.Sockets;
using FtpMount.FtpProxy.Relay;
using FtpMount.FtpProxy.Tests.Upstream;
using Microsoft.Extensions.Time.Testing;

namespace FtpMount.FtpProxy.Tests.Relay;

/// <summary>
/// The delay as the proxy decides it, on a clock the test moves by hand: real sockets, but no assertion depends on how
/// fast the machine is. While the clock stands still a correct proxy can read and queue, never send early.
/// </summary>
public class DelayScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Each_chunk_is_due_one_delay_after_it_was_read_and_is_sent_then()
    {
        var delay = TimeSpan.FromMilliseconds(20);
        var clock = new FakeTimeProvider();
        var log = new ChunkLog(clock);
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, new FtpProxyOptions { OneWayDelay = delay }, clock, log);
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);

        await client.SendAsync("p"u8.ToArray(), Ct);
        var up = await log.QueuedAsync(RelayDirection.ToUpstream, 0, Ct);
        Assert.Equal(up.Received + delay, up.Due);

        AdvanceInTwoSteps(clock, delay);
        var back = await log.QueuedAsync(RelayDirection.ToClient, 0, Ct);
        Assert.Equal(up.Due, back.Received);
        Assert.Equal(back.Received + delay, back.Due);

        AdvanceInTwoSteps(clock, delay);
        await ExpectAsync(client, "p");
        // Sent on the dot: neither early nor held back beyond the delay.
        Assert.Equal(up.Due, log.Current(up).Sending);
        Assert.Equal(back.Due, log.Current(back).Sending);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_delay_change_applies_from_the_next_chunk_on_and_queued_chunks_keep_their_order()
    {
        var clock = new FakeTimeProvider();
        var log = new ChunkLog(clock);
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, FtpProxyOptions.Default, clock, log);
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);

        // No delay: due when read, and the echo comes back without the clock moving.
        await client.SendAsync("a"u8.ToArray(), Ct);
        await ExpectAsync(client, "a");
        var first = await log.QueuedAsync(RelayDirection.ToUpstream, 0, Ct);
        Assert.Equal(first.Received, first.Due);
        Assert.Equal(first.Received, log.Current(first).Sending);

        proxy.OneWayDelay = TimeSpan.FromMilliseconds(50);
        await client.SendAsync("b"u8.ToArray(), Ct);
        var slow = await log.QueuedAsync(RelayDirection.ToUpstream, 1, Ct);
        Assert.Equal(slow.Received + TimeSpan.FromMilliseconds(50), slow.Due);

        proxy.OneWayDelay = TimeSpan.FromMilliseconds(10);
        await client.SendAsync("c"u8.ToArray(), Ct);
        var fast = await log.QueuedAsync(RelayDirection.ToUpstream, 2, Ct);
        Assert.Equal(fast.Received + TimeSpan.FromMilliseconds(10), fast.Due);

        // "c" falls due first but may not overtake "b" on the same stream; both go once "b" is due.
        AdvanceInTwoSteps(clock, TimeSpan.FromMilliseconds(10));
        AdvanceInTwoSteps(clock, TimeSpan.FromMilliseconds(40));
        var echoed = await log.WaitUntilAsync(
            l => l.Where(c => c.Direction == RelayDirection.ToClient && c.Sequence > 0).Sum(c => c.Length) == 2, "bc echoed", Ct);
        Assert.Equal(slow.Due, log.Current(slow).Sending);
        Assert.Equal(slow.Due, log.Current(fast).Sending);
        Assert.All(
            echoed.Where(c => c.Direction == RelayDirection.ToClient && c.Sequence > 0),
            c => Assert.Equal(c.Received + TimeSpan.FromMilliseconds(10), c.Due));

        AdvanceInTwoSteps(clock, TimeSpan.FromMilliseconds(10));
        await ExpectAsync(client, "bc");
    }

    [Fact(Timeout = 30_000)]
    public async Task Connections_are_scheduled_independently_so_one_waiting_chunk_holds_up_no_other_connection()
    {
        var clock = new FakeTimeProvider();
        var log = new ChunkLog(clock);
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(50) }, clock, log);
        using var first = await Net.ConnectAsync(proxy.EndPoint, Ct);
        using var second = await Net.ConnectAsync(proxy.EndPoint, Ct);

        await first.SendAsync("a"u8.ToArray(), Ct);
        var waiting = await log.QueuedAsync(RelayDirection.ToUpstream, 0, Ct);
        proxy.OneWayDelay = TimeSpan.FromMilliseconds(10);
        await second.SendAsync("b"u8.ToArray(), Ct);
        var log2 = await log.WaitUntilAsync(
            l => l.Any(c => c.Direction == RelayDirection.ToUpstream && c.Connection != waiting.Connection), "second connection's chunk queued", Ct);
        var other = log2.Single(c => c.Direction == RelayDirection.ToUpstream && c.Connection != waiting.Connection);

        // Each stamped from its own read, whatever the other connection has queued.
        Assert.Equal(waiting.Received + TimeSpan.FromMilliseconds(50), waiting.Due);
        Assert.Equal(other.Received + TimeSpan.FromMilliseconds(10), other.Due);

        // At 10 ms the second connection's chunk goes, and its echo comes back, while the first one's still waits.
        AdvanceInTwoSteps(clock, TimeSpan.FromMilliseconds(10));
        var otherEcho = await log.QueuedAsync(RelayDirection.ToClient, 0, Ct, other.Connection);
        Assert.Equal(other.Due, log.Current(other).Sending);
        Assert.Null(log.Current(waiting).Sending);
        AdvanceInTwoSteps(clock, TimeSpan.FromMilliseconds(10));
        await ExpectAsync(second, "b");
        Assert.Equal(otherEcho.Due, log.Current(otherEcho).Sending);

        AdvanceInTwoSteps(clock, TimeSpan.FromMilliseconds(30));
        await log.QueuedAsync(RelayDirection.ToClient, 0, Ct, waiting.Connection);
        Assert.Equal(waiting.Due, log.Current(waiting).Sending);
        AdvanceInTwoSteps(clock, TimeSpan.FromMilliseconds(10));
        await ExpectAsync(first, "a");
    }

    [Fact(Timeout = 30_000)]
    public async Task The_reader_queues_a_whole_transfer_while_the_first_chunk_waits_so_delay_does_not_throttle()
    {
        var delay = TimeSpan.FromMilliseconds(20);
        var payload = new byte[2 * 1024 * 1024];
        new Random(7).NextBytes(payload);
        var clock = new FakeTimeProvider();
        var log = new ChunkLog(clock);
        await using var source = LoopbackServer.Source(payload);
        await using var proxy = FtpProxy.Start(
            source.EndPoint, new FtpProxyOptions { OneWayDelay = delay, RewritePassiveReplies = false }, clock, log);
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);

        // The clock stands still: every byte up to end of stream is read and queued before the first is due.
        var queued = await log.WaitUntilAsync(
            l => l.Any(c => c.Direction == RelayDirection.ToClient && c.IsEndOfStream), "the whole payload queued", Ct);
        var chunks = queued.Where(c => c.Direction == RelayDirection.ToClient).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{chunks.Count} chunks queued under {delay.TotalMilliseconds} ms before any was sent");
        Assert.Equal(payload.Length, chunks.Sum(c => c.Length));
        Assert.True(chunks.Count >= payload.Length / (64 * 1024), $"{chunks.Count} chunks");
        Assert.Equal(chunks.Count, ChunkLog.QueueDepthAt(queued, chunks[^1]));
        Assert.All(chunks, c => Assert.Equal(c.Received + delay, c.Due));

        AdvanceInTwoSteps(clock, delay);
        var received = await DrainToArrayAsync(client);
        Assert.Equal(payload, received);
        Assert.All(log.Of(RelayDirection.ToClient), c => Assert.Equal(c.Due, c.Sending));
    }

    /// <summary>
    /// Each move of the clock lands on a due time, in two steps: a writer that lets a chunk go early then logs it as
    /// sent a millisecond before it was due instead of on the dot.
    /// </summary>
    private static void AdvanceInTwoSteps(FakeTimeProvider clock, TimeSpan by)
    {
        clock.Advance(by - TimeSpan.FromMilliseconds(1));
        clock.Advance(TimeSpan.FromMilliseconds(1));
    }

    private static async Task ExpectAsync(Socket socket, string text)
    {
        using var deadline = NoHang();
        var expected = System.Text.Encoding.ASCII.GetBytes(text);
        var buffer = new byte[expected.Length];
        var got = 0;
        while (got < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(got), deadline.Token);
            Assert.NotEqual(0, read);
            got += read;
        }

        Assert.Equal(expected, buffer);
    }

    private static async Task<byte[]> DrainToArrayAsync(Socket socket)
    {
        using var deadline = NoHang();
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, deadline.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return received.ToArray();
    }

    /// <summary>Once the clock has reached the due time a correct proxy delivers in milliseconds; only a broken one waits this long.</summary>
    private static CancellationTokenSource NoHang()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        return deadline;
    }
}
