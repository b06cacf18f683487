using FtpMount.Ftp.Errors;

namespace FtpMount.Ftp.Tests.Scripted;

/// <summary>
/// A flight of MDTMs against scripted replies: a refused command (500) fails the batch only after every reply was
/// read, so the connection stays in step; a reply that answers no MDTM closes the connection and turns pipelining
/// off; a 4xx or a 213 that is no timestamp leaves that file without a time.
/// </summary>
public class MdtmFlightScriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FtpClientOptions OptionsFor(ScriptedFtpServer server) => server.ClientOptions with
    {
        MaxConnections = 1,
        RetryCount = 0,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    };

    private static ScriptedFtpServer Server(Func<string, string> mdtm) => new((command, _) =>
        Task.FromResult(ScriptedFtpServer.LoginReply(command) ?? (command.StartsWith("MDTM ", StringComparison.Ordinal) ? mdtm(command[5..]) : "502 not scripted\r\n")));

    [Fact(Timeout = 30_000)]
    public async Task A_refused_MDTM_fails_the_batch_after_every_reply_and_the_connection_stays_usable()
    {
        await using var server = Server(_ => "500 Unknown command.\r\n");
        await using var client = new FtpClient(OptionsFor(server));

        var error = await Assert.ThrowsAsync<FtpPermanentException>(() => client.GetModifiedTimesAsync(["/a", "/b", "/c"], TimeSpan.FromSeconds(10), Ct));

        Assert.Equal(500, error.Reply!.Code);
        Assert.True(client.Pipelining);
        Assert.Equal(1, server.Connections);
        await client.GetWorkingDirectoryAsync(Ct);
        Assert.Equal(1, server.Connections);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_reply_that_answers_no_MDTM_closes_the_connection_and_turns_pipelining_off()
    {
        await using var server = Server(path => path == "/b" ? "150 Opening data connection.\r\n" : "213 20200102030405\r\n");
        await using var client = new FtpClient(OptionsFor(server));

        await Assert.ThrowsAsync<FtpPipeliningException>(() => client.GetModifiedTimesAsync(["/a", "/b", "/c"], TimeSpan.FromSeconds(10), Ct));

        Assert.False(client.Pipelining);
    }

    /// <summary>Nothing may hang: a server that stops answering part way costs the listing its MDTM budget, no more.</summary>
    [Fact(Timeout = 30_000)]
    public async Task A_server_that_stops_answering_a_flight_leaves_the_times_found_within_the_budget_and_the_connection_closed()
    {
        await using var server = Server(path => path == "/a" ? "213 20200102030405\r\n" : string.Empty);
        await using var client = new FtpClient(OptionsFor(server));

        // Logged in first: the budget runs from the call, and a login on a loaded machine could take all of it.
        await client.GetWorkingDirectoryAsync(Ct);
        var times = await client.GetModifiedTimesAsync(["/a", "/b", "/c"], TimeSpan.FromSeconds(3), Ct);

        Assert.Equal([new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), null, null], times);
        Assert.Equal(0, client.Pool.OpenCount);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_transient_refusal_or_a_213_without_a_timestamp_leaves_that_file_without_a_time()
    {
        await using var server = Server(path => path switch
        {
            "/a" => "213 20200102030405\r\n",
            "/b" => "450 Busy.\r\n",
            "/c" => "213 yesterday\r\n",
            _ => "550 No such file.\r\n",
        });
        await using var client = new FtpClient(OptionsFor(server));

        var times = await client.GetModifiedTimesAsync(["/a", "/b", "/c", "/d"], TimeSpan.FromSeconds(10), Ct);

        Assert.Equal([new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), null, null, null], times);
        Assert.True(client.Pipelining);
    }
}
