using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Tests.Scripted;

public class DataChannelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FtpClientOptions OptionsFor(ScriptedFtpServer server) => server.ClientOptions;

    [Fact(Timeout = 30_000)]
    public async Task Refused_epsv_falls_back_to_pasv_and_connects_to_the_control_peer_not_the_advertised_host()
    {
        var payload = "hello over pasv"u8.ToArray();
        await using var server = new ScriptedFtpServer(async (command, s) =>
        {
            if (ScriptedFtpServer.LoginReply(command) is { } login)
            {
                return login;
            }

            switch (command.Split(' ')[0])
            {
                case "EPSV":
                    return "500 EPSV not understood\r\n";
                case "PASV":
                    var port = s.OpenDataListener();
                    // 127.0.0.2 has no listener: following the advertised address would fail.
                    return $"227 Entering Passive Mode (127,0,0,2,{port / 256},{port % 256})\r\n";
                case "RETR":
                    // Pipelined, the first RETR travels with the refused EPSV: no listener yet, so 425 (vsftpd's answer).
                    return s.HasDataListener ? await s.SendDataAsync(payload) + "\r\n" : "425 Use PORT or PASV first.\r\n";
                default:
                    return "502 not scripted\r\n";
            }
        });

        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);
        for (var round = 0; round < 2; round++)
        {
            await using var download = await session.OpenReadAsync("/f", 0, Ct);
            using var copy = new MemoryStream();
            await download.CopyToAsync(copy, Ct);
            Assert.Equal(payload, copy.ToArray());
        }

        // The second transfer goes straight to PASV: EPSV is not asked again on this connection.
        Assert.Single(server.Commands, c => c == "EPSV");
        Assert.Equal(["EPSV", "RETR /f", "PASV", "RETR /f", "PASV", "RETR /f"], server.Commands.Where(c => c.StartsWith("EPSV", StringComparison.Ordinal) || c.StartsWith("PASV", StringComparison.Ordinal) || c.StartsWith("RETR", StringComparison.Ordinal)));
        Assert.False(session.IsBroken);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_transfer_started_after_a_refused_EPSV_of_its_flight_turns_pipelining_off_and_the_open_is_retried_without_it()
    {
        var payload = "after the flight"u8.ToArray();
        await using var server = new ScriptedFtpServer(async (command, s) =>
        {
            if (ScriptedFtpServer.LoginReply(command) is { } login)
            {
                return login;
            }

            switch (command.Split(' ')[0])
            {
                case "EPSV" when s.Commands.Count(c => c == "EPSV") == 1:
                    return "500 EPSV not understood\r\n";
                case "EPSV":
                    return $"229 Entering Extended Passive Mode (|||{s.OpenDataListener()}|)\r\n";
                case "RETR" when !s.HasDataListener:
                    // Out of step: a transfer starting although no listener was ever opened.
                    return "150 Opening data connection\r\n";
                case "RETR":
                    return await s.SendDataAsync(payload) + "\r\n";
                default:
                    return "502 not scripted\r\n";
            }
        });

        await using var client = new FtpClient(OptionsFor(server) with { MaxConnections = 1 });
        Assert.True(client.Pipelining);

        // The open is retried on a new connection, one command at a time.
        await using (var download = await client.OpenReadAsync("/f", 0, Ct))
        {
            using var copy = new MemoryStream();
            await download.CopyToAsync(copy, Ct);
            Assert.Equal(payload, copy.ToArray());
        }

        Assert.False(client.Pipelining);
        Assert.Equal(2, server.Connections);
        Assert.Equal(["EPSV", "RETR /f", "EPSV", "RETR /f"], server.Commands.Where(c => c is "EPSV" or "RETR /f"));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Passive_reply_with_a_privileged_port_is_refused(bool pipelining)
    {
        await using var server = new ScriptedFtpServer((command, _) => Task.FromResult(
            ScriptedFtpServer.LoginReply(command) ?? command switch
            {
                "EPSV" => "229 Entering Extended Passive Mode (|||22|)\r\n",
                _ => "502 not scripted\r\n",
            }));

        await using var session = await FtpSession.ConnectAsync(OptionsFor(server) with { Pipelining = pipelining }, NullLogger.Instance, Ct);
        var error = await Assert.ThrowsAsync<FtpProtocolException>(() => session.OpenReadAsync("/f", 0, Ct));
        Assert.Contains("22", error.Message, StringComparison.Ordinal);
        if (pipelining)
        {
            // RETR travelled with EPSV; the server may be waiting for a data connection that never comes.
            Assert.True(session.IsBroken);
        }
        else
        {
            Assert.DoesNotContain(server.Commands, c => c.StartsWith("RETR", StringComparison.Ordinal));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Greeting_421_is_reported_as_a_connection_limit()
    {
        await using var server = new ScriptedFtpServer(
            (_, _) => Task.FromResult("421 bye\r\n"), greeting: "421 There are too many connections from your internet address.");
        var error = await Assert.ThrowsAsync<FtpConnectionLimitException>(() => FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct));
        Assert.Contains("too many connections", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Server_that_stops_answering_hits_the_reply_deadline()
    {
        await using var server = new ScriptedFtpServer(async (command, _) =>
        {
            if (command.StartsWith("SIZE", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            }

            return ScriptedFtpServer.LoginReply(command) ?? "502 not scripted\r\n";
        });

        var options = OptionsFor(server) with { ReplyTimeout = TimeSpan.FromSeconds(1) };
        await using var session = await FtpSession.ConnectAsync(options, NullLogger.Instance, Ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<FtpTimeoutException>(() => session.GetSizeAsync("/f", Ct));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.True(session.IsBroken);
    }
}
