using FtpMount.Testing.Hostile;

namespace FtpMount.Ftp.Tests.Hostile;

/// <summary>
/// A whole-file upload cut by a lost connection goes on from what the server kept, the way each server allows, and
/// never trusts a kept size it cannot use. The real servers' side is ResumableUploadTests (500 MiB, cut twice).
/// </summary>
public sealed class ResumedUploadTests
{
    private const int Size = 1_000_000;
    private const int KeptAtCut = 300_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_cut_upload_goes_on_with_REST_and_STOR_from_the_size_the_server_kept()
    {
        await using var server = HostileFtpServer.Start();
        using var _ = CutFirstStor(server);

        var content = await UploadAsync(server);

        Assert.Equal(content, await File.ReadAllBytesAsync(server.PathOf("up.part"), Ct));
        Assert.Equal(["300000"], server.Commands.Of("REST").Select(c => c.Argument));
        Assert.Equal(0, server.Commands.Count("APPE"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cut_upload_goes_on_with_APPE_where_the_server_will_not_restart_a_STOR()
    {
        await using var server = HostileFtpServer.Start();
        using var cut = CutFirstStor(server);
        // proftpd without AllowStoreRestart.
        using var refuse = server.Intercept("STOR", (c, next) =>
            c.RestartOffset > 0 ? c.ReplyAsync(451, "/up.part: Append/Restart not permitted, try again") : next(c));

        var content = await UploadAsync(server);

        Assert.Equal(content, await File.ReadAllBytesAsync(server.PathOf("up.part"), Ct));
        Assert.Equal(1, server.Commands.Count("APPE"));
        Assert.Equal(2, server.Commands.Count("STOR"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_claims_more_than_was_sent_gets_the_whole_file_again()
    {
        await using var server = HostileFtpServer.Start();
        using var cut = CutFirstStor(server);
        using var lie = server.Intercept("SIZE", (c, next) =>
            server.Commands.Count("STOR") == 1 ? c.ReplyAsync(213, "5000000") : next(c));

        var content = await UploadAsync(server);

        Assert.Equal(content, await File.ReadAllBytesAsync(server.PathOf("up.part"), Ct));
        Assert.Equal(0, server.Commands.Count("REST") + server.Commands.Count("APPE"));
        Assert.Equal(2, server.Commands.Count("STOR"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_resumed_upload_that_ends_at_the_wrong_size_is_refused()
    {
        await using var server = HostileFtpServer.Start();
        using var cut = CutFirstStor(server);
        using var shortAppend = server.Intercept("STOR", (c, next) =>
        {
            if (c.RestartOffset > 0)
            {
                c.Transfer.StopAfterBytes = 1000;
            }

            return next(c);
        });

        await Assert.ThrowsAsync<Errors.FtpIntegrityException>(() => UploadAsync(server));
    }

    /// <summary>The first STOR keeps 300,000 bytes, then the server resets the data connection.</summary>
    private static IDisposable CutFirstStor(HostileFtpServer server) =>
        server.Intercept("STOR", (c, next) =>
        {
            if (server.Commands.Count("STOR") == 1)
            {
                c.Transfer.StopAfterBytes = KeptAtCut;
                c.Transfer.End = DataConnectionEnd.Reset;
                c.Transfer.FinalReply = "426 Failure writing network stream.";
            }

            return next(c);
        });

    private static async Task<byte[]> UploadAsync(HostileFtpServer server)
    {
        var content = new byte[Size];
        new Random(Size).NextBytes(content);
        await using var client = new FtpClient(HostileSessions.OptionsFor(server) with { RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        using var source = new MemoryStream(content);
        Assert.Equal(Size, await client.UploadAsync("/up.part", source, Ct));
        return content;
    }
}
