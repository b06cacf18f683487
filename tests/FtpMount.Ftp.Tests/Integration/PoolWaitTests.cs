using System.Diagnostics;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Pool;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>
/// Waiting for a pooled connection is bounded by the pool's lack of progress, never by the wait itself: a caller
/// queued behind connections that work waits its turn however long that takes, one queued behind silent
/// connections gives up after <see cref="FtpClientOptions.PoolWaitTimeout"/> (issue 11 point 16).
/// </summary>
[Trait("Category", "Integration")]
public class PoolWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(1);

    [Fact(Timeout = 60_000)]
    public async Task A_caller_queued_behind_a_connection_that_makes_progress_waits_its_turn_past_the_pool_wait_timeout()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, null, Ct);
        await using var pool = new FtpConnectionPool(TestClients.OptionsFor(server) with { MaxConnections = 1, PoolWaitTimeout = WaitTimeout });
        var holder = await pool.RentAsync(Ct);
        var queued = pool.RentAsync(Ct).AsTask();
        var held = Stopwatch.StartNew();
        while (held.Elapsed < WaitTimeout * 4)
        {
            // Each reply is progress, as data on a transfer would be.
            await holder.Session.NoopAsync(Ct);
            await Task.Delay(100, Ct);
            Assert.False(queued.IsCompleted, queued.Exception?.InnerException?.Message ?? "got a connection that is in use");
        }

        await holder.DisposeAsync();
        await using var lease = await queued.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await lease.Session.NoopAsync(Ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_caller_queued_behind_a_silent_connection_gives_up_after_the_pool_wait_timeout()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, null, Ct);
        await using var pool = new FtpConnectionPool(TestClients.OptionsFor(server) with { MaxConnections = 1, PoolWaitTimeout = WaitTimeout });
        await using var holder = await pool.RentAsync(Ct);
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FtpTimeoutException>(() => pool.RentAsync(Ct).AsTask());
        Assert.InRange(watch.Elapsed, WaitTimeout * 0.9, TimeSpan.FromSeconds(20));
        Assert.Contains("made progress", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pool.WaitingCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_caller_that_starts_to_wait_asks_holders_to_give_a_connection_back()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, null, Ct);
        await using var pool = new FtpConnectionPool(TestClients.OptionsFor(server) with { MaxConnections = 1 });
        var holder = await pool.RentAsync(Ct);
        var asked = 0;
        pool.ConnectionWanted += () =>
        {
            Interlocked.Increment(ref asked);
            holder.Dispose();
        };

        await using var lease = await pool.RentAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(1, asked);
        Assert.Equal(1, pool.OpenCount);
    }
}
