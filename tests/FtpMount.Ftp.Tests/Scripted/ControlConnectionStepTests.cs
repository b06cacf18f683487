using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Tests.Scripted;

/// <summary>
/// A reply is only ever paired with the command it answers: a stray reply waiting before a command closes the
/// connection instead (issue 11 point 4), and the ABOR drain after a stopped read keeps the connection in step on a
/// server that reads commands mid-transfer with a single read (pure-ftpd).
/// </summary>
public class ControlConnectionStepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FtpClientOptions OptionsFor(ScriptedFtpServer server) => server.ClientOptions with
    {
        AbortTimeout = TimeSpan.FromSeconds(3),
        MaxConnections = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    };

    private const string OneFile = "-rw-r--r--    1 1000     1000            5 Jan 01 12:00 f.txt\r\n";

    /// <summary>LIST ends with 226 and an extra 250 nobody asked for; DELE is refused with 550.</summary>
    private static ScriptedFtpServer StrayReplyServer() => new(async (command, s) =>
    {
        if (ScriptedFtpServer.LoginReply(command) is { } login)
        {
            return login;
        }

        return command.Split(' ')[0] switch
        {
            "EPSV" => $"229 Entering Extended Passive Mode (|||{s.OpenDataListener()}|)\r\n",
            "LIST" => await s.SendDataAsync("-rw-r--r--    1 1000     1000            5 Jan 01 12:00 f.txt\r\n"u8.ToArray(), "226 done\r\n250 stray") + "\r\n",
            "DELE" => "550 f.txt: Permission denied\r\n",
            _ => "502 not scripted\r\n",
        };
    });

    [Fact(Timeout = 30_000)]
    public async Task A_stray_reply_waiting_before_a_command_closes_the_connection_and_the_command_is_not_sent()
    {
        await using var server = StrayReplyServer();
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);
        Assert.Single((await session.ListAsync("/", Ct)).Entries);
        var error = await Assert.ThrowsAsync<FtpOutOfStepException>(() => session.DeleteFileAsync("/f.txt", Ct));
        Assert.Contains("250 stray", error.Message, StringComparison.Ordinal);
        Assert.True(session.IsBroken);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("DELE", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refused_delete_after_a_stray_reply_is_reported_as_refused_not_as_done()
    {
        await using var server = StrayReplyServer();
        await using var client = new FtpClient(OptionsFor(server), NullLogger.Instance);
        Assert.Single((await client.ListAsync("/", Ct)).Entries);
        // The stray 250 must not be taken for DELE's answer: DELE goes to a fresh connection and its 550 is reported.
        var error = await Assert.ThrowsAsync<FtpPermanentException>(() => client.DeleteFileAsync("/f.txt", Ct));
        Assert.Equal(550, error.Reply!.Code);
        Assert.Single(server.Commands, c => c.StartsWith("DELE", StringComparison.Ordinal));
        Assert.Equal(2, server.Connections);
    }

    [Fact(Timeout = 30_000)]
    public async Task Abort_waits_for_an_answer_before_noop_so_a_server_reading_one_line_mid_transfer_stays_in_step()
    {
        var payload = new byte[8 * 1024 * 1024];
        await using var server = new ScriptedFtpServer(async (command, s) =>
        {
            if (ScriptedFtpServer.LoginReply(command) is { } login)
            {
                return login;
            }

            return command.Split(' ')[0] switch
            {
                "EPSV" => $"229 Entering Extended Passive Mode (|||{s.OpenDataListener()}|)\r\n",
                "RETR" => await s.TransferUntilAbortAsync(payload, TimeSpan.FromMilliseconds(300)),
                "SIZE" => "213 8388608\r\n",
                _ => "502 not scripted\r\n",
            };
        });
        await using var session = await FtpSession.ConnectAsync(OptionsFor(server), NullLogger.Instance, Ct);
        var download = await session.OpenReadAsync("/big.bin", 0, Ct);
        var buffer = new byte[64 * 1024];
        var read = 0;
        while (read < buffer.Length)
        {
            read += await download.ReadAsync(buffer.AsMemory(read), Ct);
        }

        await download.DisposeAsync();
        Assert.Empty(server.Swallowed);
        Assert.False(session.IsBroken, "the ABOR/NOOP drain did not settle");
        Assert.Equal(8 * 1024 * 1024, await session.GetSizeAsync("/big.bin", Ct));
    }
}
