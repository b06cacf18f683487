using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Tests.Scripted;

/// <summary>
/// The data connection made ahead in the placing flight (<see cref="Data.ReadyDataConnection"/>), against scripted
/// replies: EPSV leads the flight, the next transfer command goes alone, a server that could not use the connection
/// (425) gets a fresh EPSV, a refused EPSV leaves the placement intact, and a reply that answers no EPSV closes
/// the connection.
/// </summary>
public class ReadyDataScriptTests
{
    private const string Temporary = "/d/.ftpmount-1.part";
    private const string Target = "/d/f.txt";
    private static readonly DateTimeOffset Stamp = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly byte[] Payload = "made ahead"u8.ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FtpClientOptions OptionsFor(ScriptedFtpServer server) => server.ClientOptions with
    {
        ReadyDataLifetime = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// A server whose EPSV answer is <paramref name="epsv"/> (null: a real listener), whose first RETR answers
    /// <paramref name="firstRetr"/>, and which closes the connection made ahead before it answers RNTO when
    /// <paramref name="dropAhead"/>.
    /// </summary>
    private static ScriptedFtpServer Server(string? epsv = null, string? firstRetr = null, bool dropAhead = false)
    {
        var retrs = 0;
        return new ScriptedFtpServer(async (command, s) =>
        {
            if (command.StartsWith("FEAT", StringComparison.Ordinal))
            {
                return "211-Features:\r\n SIZE\r\n MFMT\r\n EPSV\r\n211 End\r\n";
            }

            if (ScriptedFtpServer.LoginReply(command) is { } login)
            {
                return login;
            }

            return command.Split(' ')[0] switch
            {
                "EPSV" => epsv ?? $"229 Entering Extended Passive Mode (|||{s.OpenDataListener()}|)\r\n",
                "SITE" => "200 SITE CHMOD command ok.\r\n",
                "MFMT" => "213 Modify=20240506070809; f\r\n",
                "RNFR" => "350 Ready for RNTO.\r\n",
                "RNTO" when dropAhead => await DropThen(s, "250 Rename successful.\r\n"),
                "RNTO" => "250 Rename successful.\r\n",
                "REST" => "350 Restart position accepted.\r\n",
                "RETR" when ++retrs == 1 && firstRetr is not null => firstRetr,
                "RETR" => await s.SendDataAsync(Payload) + "\r\n",
                _ => "502 not scripted\r\n",
            };
        });
    }

    private static async Task<string> DropThen(ScriptedFtpServer server, string reply)
    {
        await server.DropDataConnectionAsync();
        return reply;
    }

    private static IReadOnlyList<string> Verbs(ScriptedFtpServer server) =>
        [.. server.Commands.Select(c => c.Split(' ')[0]).Where(v => v is "EPSV" or "SITE" or "MFMT" or "RNFR" or "RNTO" or "REST" or "RETR")];

    private static async Task<byte[]> ReadAsync(FtpSession session, long offset = 0)
    {
        await using var download = await session.OpenReadAsync("/f", offset, Ct);
        using var copy = new MemoryStream();
        await download.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    [Fact(Timeout = 30_000)]
    public async Task EPSV_leads_the_placing_flight_and_the_next_transfer_command_goes_alone()
    {
        await using var server = Server();
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        await session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("640", 8), Stamp, pipelined: true, prepareData: true, Ct);
        Assert.True(session.HasReadyData);

        Assert.Equal(Payload, await ReadAsync(session));
        Assert.Equal(["EPSV", "SITE", "MFMT", "RNFR", "RNTO", "RETR"], Verbs(server));
        Assert.False(session.HasReadyData);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_cannot_use_the_connection_made_ahead_gets_a_fresh_EPSV_for_the_same_command()
    {
        await using var server = Server(firstRetr: "425 Can't open data connection.\r\n");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);
        await session.PlaceUploadAsync(Temporary, Target, null, null, pipelined: true, prepareData: true, Ct);

        Assert.Equal(Payload, await ReadAsync(session));
        Assert.Equal(["EPSV", "RNFR", "RNTO", "RETR", "EPSV", "RETR"], Verbs(server));
        Assert.False(session.IsBroken);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_connection_made_ahead_that_the_other_side_closed_is_not_used()
    {
        await using var server = Server(dropAhead: true);
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);
        await session.PlaceUploadAsync(Temporary, Target, null, null, pipelined: true, prepareData: true, Ct);

        // The close may still be on its way when the placement returns: the transfer is asked for once it arrived.
        while (session.DataChannels.Ready is { } ready && !ready.Connection.ClosedByPeer())
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal(Payload, await ReadAsync(session));
        Assert.Equal(["EPSV", "RNFR", "RNTO", "EPSV", "RETR"], Verbs(server));
        Assert.False(session.IsBroken);
    }

    /// <summary>A refused transfer command ends its restart point: the second try must say REST again, or it reads from 0.</summary>
    [Fact(Timeout = 30_000)]
    public async Task The_second_try_of_a_download_from_an_offset_sends_REST_again()
    {
        await using var server = Server(firstRetr: "425 Can't open data connection.\r\n");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);
        await session.PlaceUploadAsync(Temporary, Target, null, null, pipelined: true, prepareData: true, Ct);

        Assert.Equal(Payload, await ReadAsync(session, offset: 3));
        Assert.Equal(["EPSV", "RNFR", "RNTO", "REST", "RETR", "REST", "EPSV", "RETR"], Verbs(server));
        Assert.Equal(2, server.Commands.Count(c => c == "REST 3"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refused_EPSV_ahead_leaves_the_placement_done_and_the_next_transfer_uses_PASV()
    {
        await using var server = Server(epsv: "500 EPSV not understood.\r\n");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        var outcome = await session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("640", 8), Stamp, pipelined: true, prepareData: true, Ct);

        Assert.Same(Placing.FtpPlaceOutcome.Applied, outcome);
        Assert.False(session.HasReadyData);
        Assert.False(session.IsBroken);
        Assert.False(session.DataChannels.CanPrepareAhead);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("229 Entering Extended Passive Mode (|||notaport|)\r\n")]
    [InlineData("229 Entering Extended Passive Mode (|||21|)\r\n")]
    public async Task A_229_ahead_that_names_no_usable_port_leaves_the_placement_done_and_nothing_made(string epsv)
    {
        await using var server = Server(epsv: epsv);
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        var outcome = await session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("640", 8), Stamp, pipelined: true, prepareData: true, Ct);

        Assert.Same(Placing.FtpPlaceOutcome.Applied, outcome);
        Assert.False(session.HasReadyData);
        Assert.False(session.IsBroken);
        await session.NoopAsync(Ct);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_reply_to_EPSV_ahead_that_answers_no_EPSV_closes_the_connection()
    {
        await using var server = Server(epsv: "350 Ready for RNTO.\r\n");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        await Assert.ThrowsAsync<FtpPipeliningException>(
            () => session.PlaceUploadAsync(Temporary, Target, null, null, pipelined: true, prepareData: true, Ct));

        Assert.True(session.IsBroken);
    }
}
