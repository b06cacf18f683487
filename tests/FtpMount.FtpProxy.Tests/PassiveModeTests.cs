using System.Diagnostics;
using System.Net;
using FtpMount.FtpProxy.Tests.Upstream;

namespace FtpMount.FtpProxy.Tests;

public class PassiveModeTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(50);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 30_000)]
    [InlineData("EPSV")]
    [InlineData("PASV")]
    public async Task Passive_reply_names_the_proxy_and_the_data_flows_through_it_delayed(string verb)
    {
        var payload = new byte[256 * 1024];
        new Random(3).NextBytes(payload);
        await using var server = new FakeFtpServer(payload);
        await using var proxy = FtpProxy.Start(server.EndPoint, new FtpProxyOptions { OneWayDelay = Delay });
        using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        Assert.StartsWith("220 ", await control.ReadReplyAsync(Ct), StringComparison.Ordinal);

        var reply = await control.CommandAsync(verb, Ct);
        var port = ControlClient.PassivePort(reply);
        Assert.NotEqual(server.DataPorts[^1], port);

        using var data = await Net.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Ct);
        var start = Stopwatch.GetTimestamp();
        await control.SendAsync("RETR f", Ct);
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var read = await data.ReceiveAsync(buffer, Ct);
        var firstByte = Stopwatch.GetElapsedTime(start);
        while (read > 0)
        {
            received.Write(buffer, 0, read);
            read = await data.ReceiveAsync(buffer, Ct);
        }

        data.Dispose();
        Assert.Equal(payload, received.ToArray());
        Assert.StartsWith("150 ", await control.ReadReplyAsync(Ct), StringComparison.Ordinal);
        Assert.StartsWith("226 ", await control.ReadReplyAsync(Ct), StringComparison.Ordinal);

        // RETR reaches the server after one delay; the data comes back after a second one. Undelayed data would
        // arrive after one delay, ahead of the 150 reply.
        TestContext.Current.TestOutputHelper?.WriteLine($"{verb}: first data byte {firstByte.TotalMilliseconds:F1} ms after RETR (one-way {Delay.TotalMilliseconds} ms)");
        Assert.True(firstByte >= 2 * Delay, $"first data byte after {firstByte.TotalMilliseconds} ms");
        Assert.True(proxy.BytesRelayed >= payload.Length);
    }

    [Fact(Timeout = 30_000)]
    public async Task Each_passive_reply_gets_its_own_relay()
    {
        var payload = "0123456789"u8.ToArray();
        await using var server = new FakeFtpServer(payload);
        await using var proxy = FtpProxy.Start(server.EndPoint, FtpProxyOptions.Default);
        using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        await control.ReadReplyAsync(Ct);

        var ports = new HashSet<int>();
        for (var round = 0; round < 3; round++)
        {
            var port = ControlClient.PassivePort(await control.CommandAsync("EPSV", Ct));
            Assert.True(ports.Add(port));
            using var data = await Net.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Ct);
            await control.SendAsync("RETR f", Ct);
            var (bytes, error) = await Net.DrainAsync(data, Ct);
            Assert.Null(error);
            Assert.Equal(payload.Length, bytes);
            data.Dispose();
            await control.ReadReplyAsync(Ct);
            Assert.StartsWith("226 ", await control.ReadReplyAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_rewriting_the_control_connection_is_a_plain_relay()
    {
        await using var server = new FakeFtpServer([]);
        await using var proxy = FtpProxy.Start(server.EndPoint, new FtpProxyOptions { RewritePassiveReplies = false });
        using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        await control.ReadReplyAsync(Ct);

        var port = ControlClient.PassivePort(await control.CommandAsync("EPSV", Ct));

        Assert.Equal(server.DataPorts[^1], port);
    }
}
