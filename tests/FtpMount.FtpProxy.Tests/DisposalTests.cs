using System.Net;
using FtpMount.FtpProxy.Tests.Upstream;
using FtpMount.Testing;

namespace FtpMount.FtpProxy.Tests;

public class DisposalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Dispose_closes_every_listener_and_connection_and_stops_every_task()
    {
        await using var server = new FakeFtpServer([]);
        var proxy = FtpProxy.Start(server.EndPoint, new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(10) });
        await using (proxy)
        {
            using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
            await control.ReadReplyAsync(Ct);
            // A passive relay nobody connected to, and a control connection with a delayed reply still queued.
            var dataPort = ControlClient.PassivePort(await control.CommandAsync("EPSV", Ct));
            await control.SendAsync("NOOP", Ct);

            await proxy.DisposeAsync();

            Assert.Equal(0, proxy.RunningTasks);
            Assert.Equal(0, proxy.ActiveConnections);
            Assert.True(await Net.IsRefusedAsync(proxy.Port, Ct), "control listener still open");
            Assert.True(await Net.IsRefusedAsync(dataPort, Ct), "passive listener still open");
            await Assert.ThrowsAnyAsync<IOException>(() => control.ReadReplyAsync(Ct));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_used_passive_listener_closes_after_its_one_connection()
    {
        await using var server = new FakeFtpServer("x"u8.ToArray());
        await using var proxy = FtpProxy.Start(server.EndPoint, FtpProxyOptions.Default);
        using var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct);
        await control.ReadReplyAsync(Ct);
        var dataPort = ControlClient.PassivePort(await control.CommandAsync("PASV", Ct));
        using var data = await Net.ConnectAsync(new IPEndPoint(IPAddress.Loopback, dataPort), Ct);

        await Poll.UntilOrFailAsync(() => proxy.ActiveDataConnections == 1, Net.Settle, "no data connection relayed within 5 s", Ct);

        Assert.True(await Net.IsRefusedAsync(dataPort, Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task Closing_the_control_connection_closes_its_unused_passive_listener()
    {
        await using var server = new FakeFtpServer([]);
        await using var proxy = FtpProxy.Start(server.EndPoint, FtpProxyOptions.Default);
        int dataPort;
        using (var control = await ControlClient.ConnectAsync(proxy.EndPoint, Ct))
        {
            await control.ReadReplyAsync(Ct);
            dataPort = ControlClient.PassivePort(await control.CommandAsync("EPSV", Ct));
            Assert.Equal("221 bye", await control.CommandAsync("QUIT", Ct));
        }

        await Poll.UntilOrFailAsync(() => proxy.ActiveConnections == 0, Net.Settle, "connections still counted 5 s after disposal", Ct);
        await Poll.UntilOrFailAsync(() => proxy.RunningTasks == 1, Net.Settle, "relay tasks still running after 5 s", Ct); // only the accept loop is left
        Assert.True(await Net.IsRefusedAsync(dataPort, Ct));
    }
}
