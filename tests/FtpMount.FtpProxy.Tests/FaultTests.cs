using System.Net;
using System.Net.Sockets;
using FtpMount.FtpProxy.Tests.Upstream;
using FtpMount.Testing;

namespace FtpMount.FtpProxy.Tests;

public class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Black_hole_stops_answers_without_closing_and_clearing_it_delivers_them()
    {
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, FtpProxyOptions.Default);
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);
        await Net.PingAsync(client, Ct);

        proxy.BlackHole = true;
        await client.SendAsync("p"u8.ToArray(), Ct);
        var buffer = new byte[1];
        using (var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            readTimeout.CancelAfter(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReceiveAsync(buffer, readTimeout.Token).AsTask());
        }

        Assert.Equal(1, proxy.ActiveConnections);

        proxy.BlackHole = false;
        Assert.Equal(1, await client.ReceiveAsync(buffer, Ct));
        Assert.Equal((byte)'p', buffer[0]);
        await Net.PingAsync(client, Ct);
    }

    [Fact(Timeout = 30_000)]
    public async Task Reset_all_connections_resets_both_peers()
    {
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, FtpProxyOptions.Default);
        using var client = await Net.ConnectAsync(proxy.EndPoint, Ct);
        await Net.PingAsync(client, Ct);

        proxy.ResetAllConnections();

        var error = await Assert.ThrowsAsync<SocketException>(() => client.ReceiveAsync(new byte[1], Ct).AsTask());
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        await Poll.UntilOrFailAsync(() => proxy.ActiveConnections == 0, Net.Settle, "the reset connections are still counted after 5 s", Ct);
        await Poll.UntilOrFailAsync(() => HasReset(echo.HandlerErrors), Net.Settle, "the upstream saw no reset within 5 s", Ct);

        // The proxy itself keeps serving.
        using var again = await Net.ConnectAsync(proxy.EndPoint, Ct);
        await Net.PingAsync(again, Ct);
    }

    [Fact(Timeout = 30_000)]
    public async Task Reset_all_connections_cuts_a_running_data_transfer()
    {
        await using var server = new FakeFtpServer(new byte[1_000_000]);
        await using var proxy = FtpProxy.Start(server.EndPoint, new FtpProxyOptions { BandwidthBytesPerSecond = 500_000 });
        using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        await control.ReadReplyAsync(Ct);
        using var data = await OpenDataAsync(control);
        await control.SendAsync("RETR f", Ct);
        await data.ReceiveAsync(new byte[1024], Ct);
        Assert.Equal(2, proxy.ActiveConnections);
        Assert.Equal(1, proxy.ActiveDataConnections);

        proxy.ResetAllConnections();

        var (bytes, error) = await Net.DrainAsync(data, Ct);
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(error).SocketErrorCode);
        Assert.True(bytes < 1_000_000);
        // Replies that arrived before the reset are still readable; then the reset shows.
        var controlError = await Assert.ThrowsAsync<IOException>(async () =>
        {
            while (true)
            {
                await control.ReadReplyAsync(Ct);
            }
        });
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(controlError.InnerException).SocketErrorCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task Data_connections_are_cut_after_the_given_byte_count()
    {
        await using var server = new FakeFtpServer(new byte[4 * 1024 * 1024]);
        await using var proxy = FtpProxy.Start(server.EndPoint, FtpProxyOptions.Default);
        proxy.ResetDataConnectionsAfter(100_000);
        using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        Assert.StartsWith("220 ", await control.ReadReplyAsync(Ct), StringComparison.Ordinal);

        using var data = await OpenDataAsync(control);
        await control.SendAsync("RETR f", Ct);
        var (bytes, error) = await Net.DrainAsync(data, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"cut after 100000: client received {bytes} bytes");
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(error).SocketErrorCode);
        Assert.InRange(bytes, 50_000, 100_000);
        // Only the data connection was cut: the control connection carries the server's verdict and more commands.
        Assert.StartsWith("150 ", await control.ReadReplyAsync(Ct), StringComparison.Ordinal);
        Assert.StartsWith("426 ", await control.ReadReplyAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("200 ok", await control.CommandAsync("NOOP", Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cut_armed_mid_transfer_counts_from_the_call()
    {
        await using var server = new FakeFtpServer(new byte[2_000_000]);
        await using var proxy = FtpProxy.Start(server.EndPoint, new FtpProxyOptions { BandwidthBytesPerSecond = 1_000_000 });
        using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        await control.ReadReplyAsync(Ct);
        using var data = await OpenDataAsync(control);
        await control.SendAsync("RETR f", Ct);

        var buffer = new byte[64 * 1024];
        long before = 0;
        while (before < 100_000)
        {
            before += await data.ReceiveAsync(buffer, Ct);
        }

        proxy.ResetDataConnectionsAfter(50_000);
        var (after, error) = await Net.DrainAsync(data, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"cut armed after {before} bytes: {after} more arrived");
        Assert.IsType<SocketException>(error);
        // Up to one 10 ms slice (10 kB at 1 MB/s) may already have been admitted when the rule was set.
        Assert.InRange(after, 30_000, 61_000);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_byte_trigger_acts_after_the_given_data_bytes_before_more_is_forwarded_and_only_once()
    {
        await using var server = new FakeFtpServer(new byte[2_000_000]);
        await using var proxy = FtpProxy.Start(server.EndPoint, FtpProxyOptions.Default);
        var actions = 0;
        var midway = proxy.AfterDataBytes(300_000, () =>
        {
            Interlocked.Increment(ref actions);
            proxy.BlackHole = true;
        });
        using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        await control.ReadReplyAsync(Ct);
        Assert.Equal("200 ok", await control.CommandAsync("NOOP", Ct));
        Assert.False(midway.IsCompleted);

        using var data = await OpenDataAsync(control);
        await control.SendAsync("RETR f", Ct);
        var buffer = new byte[64 * 1024];
        long received = 0;
        while (received < 300_000)
        {
            received += await data.ReceiveAsync(buffer, Ct);
        }

        await midway.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        // Held by the action's black hole: nothing beyond the chunk holding byte 300 000 (one read, at most 64 KiB).
        using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            quiet.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                while (true)
                {
                    received += await data.ReceiveAsync(buffer, quiet.Token);
                }
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"trigger at 300000: {received} bytes passed before the hold");
        Assert.InRange(received, 300_000, 300_000 + (64 * 1024));

        proxy.BlackHole = false;
        var (rest, error) = await Net.DrainAsync(data, Ct);
        Assert.Null(error);
        Assert.Equal(2_000_000, received + rest);

        // A second transfer passes the count again; the trigger has fired and stays quiet.
        using var control2 = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        await control2.ReadReplyAsync(Ct);
        using var data2 = await OpenDataAsync(control2);
        await control2.SendAsync("RETR f", Ct);
        Assert.Equal((2_000_000L, (Exception?)null), await Net.DrainAsync(data2, Ct));
        Assert.False(proxy.BlackHole);
        Assert.Equal(1, actions);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_byte_trigger_not_reached_is_cancelled_when_the_proxy_ends()
    {
        await using var server = new FakeFtpServer(new byte[100_000]);
        var proxy = FtpProxy.Start(server.EndPoint, FtpProxyOptions.Default);
        var never = proxy.AfterDataBytes(1_000_000, () => Assert.Fail("fired without the bytes"));
        using (var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct))
        {
            await control.ReadReplyAsync(Ct);
            using var data = await OpenDataAsync(control);
            await control.SendAsync("RETR f", Ct);
            Assert.Equal((100_000L, (Exception?)null), await Net.DrainAsync(data, Ct));
        }

        Assert.False(never.IsCompleted);
        await proxy.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task Refused_connections_are_accepted_and_closed_until_refusal_is_lifted()
    {
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, new FtpProxyOptions { RefuseNewConnections = true });

        using (var refused = await Net.ConnectAsync(proxy.EndPoint, Ct))
        {
            var (bytes, _) = await Net.DrainAsync(refused, Ct);
            Assert.Equal(0, bytes);
        }

        proxy.RefuseNewConnections = false;
        using var accepted = await Net.ConnectAsync(proxy.EndPoint, Ct);
        await Net.PingAsync(accepted, Ct);
    }

    [Fact(Timeout = 30_000)]
    public async Task Next_reply_can_be_replaced_or_swallowed_once()
    {
        await using var server = new FakeFtpServer([]);
        await using var proxy = FtpProxy.Start(server.EndPoint, FtpProxyOptions.Default);
        string? seen = null;
        proxy.ReplaceNextReply(reply =>
        {
            seen = reply;
            return "421 injected\r\n";
        });

        using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        Assert.Equal("421 injected", await control.ReadReplyAsync(Ct));
        Assert.Equal("220 fake FTP ready\r\n", seen);
        Assert.Equal("200 ok", await control.CommandAsync("NOOP", Ct));

        proxy.ReplaceNextReply(_ => null);
        await control.SendAsync("NOOP", Ct);
        Assert.Equal("331 password please", await control.CommandAsync("USER u", Ct));
    }

    private static async Task<Socket> OpenDataAsync(ControlClient control)
    {
        var port = ControlClient.PassivePort(await control.CommandAsync("EPSV", Ct));
        return await Net.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Ct);
    }

    private static bool HasReset(List<Exception> errors)
    {
        lock (errors)
        {
            return errors.Exists(e => e is SocketException { SocketErrorCode: SocketError.ConnectionReset });
        }
    }
}
