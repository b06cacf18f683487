using FtpMount.Testing.Hostile;

namespace FtpMount.Ftp.Tests.Hostile;

/// <summary>
/// A whole-file upload cut by a lost connection goes on from what the server kept, the way each server allows, and
/// never trusts a kept size it cannot use; a first attempt goes on from a part the caller vouches for (a cut streaming
/// STOR) only as far as it vouches. The real servers' side is ResumableUploadTests (500 MiB, cut twice) and, through
/// a mount, StreamedSaveResumeTests.
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

    [Fact(Timeout = 30_000)]
    public async Task A_first_attempt_goes_on_from_a_part_the_caller_vouches_for_with_REST_and_STOR()
    {
        await using var server = HostileFtpServer.Start();
        var content = Content();
        // What a cut streaming STOR of the same content left; the caller handed it 400,000 bytes before the cut.
        await File.WriteAllBytesAsync(server.PathOf("up.part"), content.AsMemory(0, KeptAtCut).ToArray(), Ct);

        await UploadAsync(server, content, kept: 400_000);

        Assert.Equal(content, await File.ReadAllBytesAsync(server.PathOf("up.part"), Ct));
        Assert.Equal(["300000"], server.Commands.Of("REST").Select(c => c.Argument));
        Assert.Equal(1, server.Commands.Count("STOR"));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(200_000, KeptAtCut)]
    [InlineData(Size, Size + 1000)]
    public async Task A_first_attempt_sends_everything_when_the_server_has_more_than_the_caller_vouches_for(int kept, int onServer)
    {
        await using var server = HostileFtpServer.Start();
        var content = Content();
        var there = new byte[onServer];
        content.AsSpan(0, Math.Min(onServer, Size)).CopyTo(there);
        await File.WriteAllBytesAsync(server.PathOf("up.part"), there, Ct);

        await UploadAsync(server, content, kept);

        Assert.Equal(content, await File.ReadAllBytesAsync(server.PathOf("up.part"), Ct));
        Assert.Equal(0, server.Commands.Count("REST") + server.Commands.Count("APPE"));
        Assert.Equal(1, server.Commands.Count("STOR"));
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
        var content = Content();
        await UploadAsync(server, content, kept: 0);
        return content;
    }

    private static async Task UploadAsync(HostileFtpServer server, byte[] content, long kept)
    {
        await using var client = new FtpClient(HostileSessions.OptionsFor(server) with { RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        using var source = new MemoryStream(content);
        Assert.Equal(Size, await client.UploadAsync("/up.part", source, kept, Ct));
    }

    private static byte[] Content()
    {
        var content = new byte[Size];
        new Random(Size).NextBytes(content);
        return content;
    }
}
