using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Servers;

/// <summary>
/// A daemon must outlive its sessions, however they end. Regression: vsftpd ran as init of its PID
/// namespace, so a session process orphaned by its exiting parent was re-parented to the listener, which
/// reaped a pid it never forked and crashed (SIGSEGV in its SIGCHLD handler) in about 3 runs out of 4 after
/// an idle timeout. Each test repeats its round three times so such a race cannot pass by luck.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SessionEndTests
{
    private const int Timeout = 120_000;
    private const int Rounds = 3;
    private static readonly TimeSpan SessionEndDeadline = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = Timeout)]
    [InlineData(FtpServerKind.Vsftpd)]
    [InlineData(FtpServerKind.Proftpd)]
    [InlineData(FtpServerKind.Pyftpdlib)]
    public async Task Server_keeps_serving_after_idle_sessions_time_out(FtpServerKind kind)
    {
        await using FtpTestServer server = await FtpTestServer.StartAsync(
            kind, new FtpServerOptions { IdleTimeoutSeconds = 2 }, Ct);
        server.CreateFile("data.bin", "0123456789"u8);
        int idleProcessCount = server.GetProcessIds().Count;

        for (int round = 1; round <= Rounds; round++)
        {
            await using (RawFtpSession idle = await RawFtpSession.ConnectAsync(server, Ct))
            {
                await idle.GreetAndLoginAsync(Ct);

                // vsftpd lost the race (its session parent exiting before the child) only after a transfer.
                Assert.Equal(226, (await idle.RetrieveAsync("data.bin", Ct)).Final.Code);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                deadline.CancelAfter(TimeSpan.FromSeconds(20));
                Assert.Equal(421, (await idle.ReadReplyAsync(deadline.Token)).Code);
                await idle.WaitForServerToCloseAsync(deadline.Token);
            }

            await AssertStillServesAsync(server, idleProcessCount, round);
        }
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Server_keeps_serving_after_sessions_quit_or_drop(FtpServerKind kind)
    {
        await using FtpTestServer server = await FtpTestServer.StartAsync(kind, ct: Ct);
        int idleProcessCount = server.GetProcessIds().Count;

        for (int round = 1; round <= Rounds; round++)
        {
            RawFtpSession quitting = await RawFtpSession.ConnectAsync(server, Ct);
            RawFtpSession dropped = await RawFtpSession.ConnectAsync(server, Ct);
            RawFtpSession droppedBeforeLogin = await RawFtpSession.ConnectAsync(server, Ct);
            try
            {
                await quitting.GreetAndLoginAsync(Ct);
                await dropped.GreetAndLoginAsync(Ct);
                Assert.Equal(220, (await droppedBeforeLogin.ReadReplyAsync(Ct)).Code);
                Assert.Equal(221, (await quitting.SendAsync("QUIT", Ct)).Code);
            }
            finally
            {
                await quitting.DisposeAsync();
                await dropped.DisposeAsync();
                await droppedBeforeLogin.DisposeAsync();
            }

            await AssertStillServesAsync(server, idleProcessCount, round);
        }
    }

    /// <summary>
    /// Waits until the ended sessions' processes are gone (the daemon has reaped them, which is when vsftpd
    /// used to crash), then asserts the daemon still runs and serves a new login.
    /// </summary>
    private static async Task AssertStillServesAsync(FtpTestServer server, int idleProcessCount, int round)
    {
        // Not a failure by itself when the deadline passes: the assertions below say what went wrong.
        _ = await Poll.UntilAsync(() => server.GetProcessIds().Count <= idleProcessCount, SessionEndDeadline, Ct, TimeSpan.FromMilliseconds(20));

        Assert.True(server.IsRunning, $"Round {round}: {server} died after its sessions ended.\n{server.ReadServerLog()}");
        await using RawFtpSession next = await RawFtpSession.ConnectAsync(server, Ct);
        await next.GreetAndLoginAsync(Ct);
        Assert.Equal(257, (await next.SendAsync("PWD", Ct)).Code);
        Assert.True(server.IsRunning, $"Round {round}: {server} died serving a new login.\n{server.ReadServerLog()}");
    }
}
