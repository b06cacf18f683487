using FtpMount.Ftp.Errors;
using FtpMount.Testing.Hostile;

namespace FtpMount.Ftp.Tests.Hostile;

/// <summary>
/// The SIZE sent behind an upload's data is believed only when it confirms the upload: a wrong answer is asked again
/// alone, and only that answer can fail the upload.
/// </summary>
public sealed class PipelinedSizeLieTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_wrong_size_behind_the_data_is_asked_again_alone_and_the_upload_stands()
    {
        await using var server = HostileFtpServer.Start();
        var sizes = 0;
        using var _ = server.Intercept("SIZE", (c, next) => ++sizes == 1 ? c.ReplyAsync(213, "1") : next(c));
        await using var session = await HostileSessions.ConnectAsync(server);

        await HostileSessions.UploadAsync(session, "/up", new byte[5000]);

        Assert.Equal(2, server.Commands.Count("SIZE"));
        Assert.Equal(5000, new FileInfo(server.PathOf("up")).Length);
        Assert.False(session.IsBroken);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_short_upload_fails_only_once_the_SIZE_asked_alone_confirms_it()
    {
        await using var server = HostileFtpServer.Start();
        using var _ = server.Intercept("STOR", (c, next) =>
        {
            c.Transfer.StopAfterBytes = 1000;
            return next(c);
        });
        await using var session = await HostileSessions.ConnectAsync(server);

        await Assert.ThrowsAsync<FtpIntegrityException>(() => HostileSessions.UploadAsync(session, "/up", new byte[5000]));

        Assert.Equal(2, server.Commands.Count("SIZE"));
        Assert.False(session.IsBroken);
    }
}
