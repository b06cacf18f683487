using System.Net;
using System.Net.Sockets;
using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Tests.Scripted;

/// <summary>
/// Placing a verified upload (issue 15 point 2): SITE CHMOD, MFMT, RNFR and RNTO travel in one flight, refusals of
/// mode and time are reported without failing the save, a refused rename fails it, and replies that do not fit the
/// commands close the connection and turn pipelining off. The scripted server withholds its replies until the last
/// command of the flight arrived: a client waiting for a reply between them would never get one.
/// </summary>
public class UploadPlacementTests
{
    private const string Temporary = "/d/.ftpmount-1.part";
    private const string Target = "/d/f.txt";
    private static readonly DateTimeOffset Stamp = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FtpClientOptions OptionsFor(ScriptedFtpServer server, bool pipelining = true) => server.ClientOptions with
    {
        MaxConnections = 1,
        RetryCount = 0,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        Pipelining = pipelining,
    };

    /// <summary>Answers the flight only once RNTO arrived, with <paramref name="replies"/> for CHMOD, MFMT, RNFR, RNTO.</summary>
    private static ScriptedFtpServer FlightServer(string chmod, string mfmt, string rnfr, string rnto) => new((command, _) =>
    {
        if (command.StartsWith("FEAT", StringComparison.Ordinal))
        {
            return Task.FromResult("211-Features:\r\n SIZE\r\n MFMT\r\n211 End\r\n");
        }

        if (ScriptedFtpServer.LoginReply(command) is { } login)
        {
            return Task.FromResult(login);
        }

        return Task.FromResult(command.Split(' ')[0] switch
        {
            "SITE" or "MFMT" or "RNFR" => string.Empty,
            "RNTO" => $"{chmod}\r\n{mfmt}\r\n{rnfr}\r\n{rnto}\r\n",
            _ => "502 not scripted\r\n",
        });
    });

    private static IReadOnlyList<string> Placing(ScriptedFtpServer server) =>
        [.. server.Commands.Where(c => c.StartsWith("SITE", StringComparison.Ordinal) || c.StartsWith("MFMT", StringComparison.Ordinal) || c.StartsWith("RN", StringComparison.Ordinal))];

    [Fact(Timeout = 30_000)]
    public async Task Mode_time_and_rename_go_in_one_flight_and_the_rename_comes_last()
    {
        await using var server = FlightServer("200 SITE CHMOD command ok.", "213 Modify=20240506070809; f", "350 Ready for RNTO.", "250 Rename successful.");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        var outcome = await session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("640", 8), Stamp, pipelined: true, Ct);

        Assert.Null(outcome.ModeError);
        Assert.Null(outcome.TimeError);
        Assert.Equal(
            [$"SITE CHMOD 640 {Temporary}", $"MFMT 20240506070809 {Temporary}", $"RNFR {Temporary}", $"RNTO {Target}"],
            Placing(server));
        Assert.False(session.IsBroken);
        await session.NoopAsync(Ct);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refused_RNTO_in_the_flight_fails_the_placement_and_keeps_the_connection()
    {
        await using var server = FlightServer("200 ok", "213 ok", "350 Ready for RNTO.", "553 Rename refused: quota exceeded.");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        var error = await Assert.ThrowsAsync<FtpPermanentException>(
            () => session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("644", 8), Stamp, pipelined: true, Ct));

        Assert.Equal(553, error.Reply!.Code);
        Assert.False(session.IsBroken);
        await session.NoopAsync(Ct);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refused_RNFR_is_reported_as_the_source_refused_when_its_RNTO_was_refused_too()
    {
        await using var server = FlightServer("200 ok", "213 ok", "550 No such file.", "503 Bad sequence of commands.");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        var error = await Assert.ThrowsAsync<FtpRenameSourceRefusedException>(
            () => session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("644", 8), Stamp, pipelined: true, Ct));

        Assert.Equal(550, error.Reply!.Code);
        Assert.False(session.IsBroken);
        await session.NoopAsync(Ct);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_RNTO_that_succeeds_after_a_refused_RNFR_is_a_pipelining_error_that_closes_the_connection()
    {
        await using var server = FlightServer("200 ok", "213 ok", "550 No such file.", "250 Rename successful.");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        await Assert.ThrowsAsync<FtpPipeliningException>(
            () => session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("644", 8), Stamp, pipelined: true, Ct));

        Assert.True(session.IsBroken);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_reply_that_answers_no_command_of_the_flight_is_a_pipelining_error()
    {
        // A 350 where SITE CHMOD's answer belongs: the server is a reply behind or ahead.
        await using var server = FlightServer("350 Ready for RNTO.", "213 ok", "250 ok", "250 ok");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        await Assert.ThrowsAsync<FtpPipeliningException>(
            () => session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("644", 8), Stamp, pipelined: true, Ct));

        Assert.True(session.IsBroken);
    }

    [Fact(Timeout = 30_000)]
    public async Task Refused_mode_and_time_are_reported_and_the_rename_still_happens()
    {
        await using var server = FlightServer("500 Unknown SITE command.", "550 Not allowed.", "350 Ready.", "250 Renamed.");
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);

        var outcome = await session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("644", 8), Stamp, pipelined: true, Ct);

        Assert.Equal(500, outcome.ModeError!.Reply!.Code);
        Assert.Equal(550, outcome.TimeError!.Reply!.Code);
        Assert.Contains($"RNTO {Target}", server.Commands);
    }

    [Fact(Timeout = 30_000)]
    public async Task One_at_a_time_RNTO_is_never_sent_after_a_refused_RNFR()
    {
        await using var server = new ScriptedFtpServer((command, _) => Task.FromResult(ScriptedFtpServer.LoginReply(command) ?? command.Split(' ')[0] switch
        {
            "SITE" => "200 ok\r\n",
            "MDTM" => "213 ok\r\n",
            "RNFR" => "550 No such file.\r\n",
            _ => "502 not scripted\r\n",
        }));
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server, pipelining: false), NullLogger.Instance, Ct);

        await Assert.ThrowsAsync<FtpRenameSourceRefusedException>(
            () => session.PlaceUploadAsync(Temporary, Target, Convert.ToInt32("644", 8), Stamp, pipelined: false, Ct));

        Assert.DoesNotContain(server.Commands, c => c.StartsWith("RNTO", StringComparison.Ordinal));
        Assert.False(session.IsBroken);
    }

    [Fact(Timeout = 30_000)]
    public async Task After_a_pipelining_error_the_client_places_one_command_at_a_time()
    {
        var flights = 0;
        await using var server = new ScriptedFtpServer((command, _) =>
        {
            if (ScriptedFtpServer.LoginReply(command) is { } login)
            {
                return Task.FromResult(login);
            }

            return Task.FromResult(command.Split(' ')[0] switch
            {
                // First flight: replies out of step (RNFR answered 250). Afterwards a normal server.
                "RNFR" => Interlocked.Increment(ref flights) == 1 ? "250 odd\r\n" : "350 Ready.\r\n",
                "RNTO" => "250 Renamed.\r\n",
                _ => "502 not scripted\r\n",
            });
        });
        await using var client = new FtpClient(OptionsFor(server));

        await Assert.ThrowsAsync<FtpPipeliningException>(() => client.RenameAsync(Temporary, Target, Ct));
        Assert.False(client.Pipelining);
        await client.RenameAsync(Temporary, Target, Ct);
        Assert.Equal(2, flights);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_data_connection_that_cannot_be_opened_fails_the_transfer_without_waiting_for_the_reply_timeout()
    {
        // The passive port has no listener: the connect fails at once, while the server (like vsftpd waiting for its
        // accept) holds back its reply to STOR. The transfer fails within the short grace, not the 60 s reply timeout.
        var closedPort = ClosedPort();
        await using var server = new ScriptedFtpServer(async (command, _) =>
        {
            if (ScriptedFtpServer.LoginReply(command) is { } login)
            {
                return login;
            }

            if (command == "EPSV")
            {
                return $"229 Entering Extended Passive Mode (|||{closedPort}|)\r\n";
            }

            await Task.Delay(TimeSpan.FromSeconds(15));
            return "425 Can't open data connection.\r\n";
        });
        await using var session = await FtpSession.ConnectAsync(
            OptionsFor(server) with { ReplyTimeout = TimeSpan.FromSeconds(60) }, NullLogger.Instance, Ct);

        var error = await Record.ExceptionAsync(() => session.OpenWriteAsync("/d/f.txt", FtpWriteMode.Create, 0, Ct));

        Assert.NotNull(error);
        Assert.IsNotType<FtpTimeoutException>(error);
        Assert.True(session.IsBroken);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
