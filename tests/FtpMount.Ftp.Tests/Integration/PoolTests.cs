using System.Diagnostics;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Pool;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

[Trait("Category", "Integration")]
public class PoolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    /// <summary>Servers whose idle timeout can be set in seconds (pure-ftpd counts whole minutes).</summary>
    public static TheoryData<FtpServerKind> SecondsIdleServers => new([FtpServerKind.Vsftpd, FtpServerKind.Proftpd, FtpServerKind.Pyftpdlib]);

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Concurrent_operations_beyond_the_server_limit_all_complete(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, new FtpServerOptions { MaxConnectionsPerIp = 2 }, Ct);
        var options = TestClients.OptionsFor(server) with { MaxConnections = 8 };
        await using var client = new FtpClient(options);
        var home = await client.GetWorkingDirectoryAsync(Ct);
        var content = TestClients.RandomBytes(300_000, 9);
        await client.UploadAsync(FtpPaths.Combine(home, "shared.bin"), new MemoryStream(content), Ct);

        var work = Enumerable.Range(0, 24).Select(async i =>
        {
            await using var download = await client.OpenReadAsync(FtpPaths.Combine(home, "shared.bin"), i, Ct);
            var bytes = await TestClients.ReadAllAsync(download);
            Assert.Equal(content[i..], bytes);
            Assert.Equal(content.Length, await client.GetSizeAsync(FtpPaths.Combine(home, "shared.bin"), Ct));
        });
        await Task.WhenAll(work);

        Assert.InRange(client.Pool.Limit, 1, 2);
        Assert.InRange(client.Pool.OpenCount, 1, 2);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Bad_password_fails_fast_with_a_clear_message(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        var options = TestClients.OptionsFor(server) with { Credentials = new FtpCredentials(server.UserName, "wrong-password-123") };
        await using var client = new FtpClient(options);
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FtpAuthenticationException>(() => client.GetWorkingDirectoryAsync(Ct));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.Contains(server.UserName, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-123", error.ToString(), StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Pooled_connections_killed_by_a_server_restart_are_replaced(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        await using var client = new FtpClient(TestClients.OptionsFor(server) with { HealthCheckAfter = TimeSpan.FromHours(1) });
        var home = await client.GetWorkingDirectoryAsync(Ct);
        await client.UploadAsync(FtpPaths.Combine(home, "k.txt"), new MemoryStream("kill"u8.ToArray()), Ct);
        Assert.Equal(1, client.Pool.IdleCount);

        await server.KillAsync(Ct);
        await server.RestartAsync(Ct);

        // The idle connection is dead; the retry on a fresh one must make this succeed.
        Assert.Equal(4, await client.GetSizeAsync(FtpPaths.Combine(home, "k.txt"), Ct));
        var listing = await client.ListAsync(home, Ct);
        Assert.Contains(listing.Entries, e => e.Name == "k.txt");
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(SecondsIdleServers))]
    public async Task Server_idle_timeout_between_operations_is_survived(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, new FtpServerOptions { IdleTimeoutSeconds = 2 }, Ct);
        // No health check and no local eviction: the server's 421 or EOF must be handled by reconnect and retry.
        var options = TestClients.OptionsFor(server) with { HealthCheckAfter = TimeSpan.FromHours(1), IdleTimeout = TimeSpan.FromHours(1) };
        await using var client = new FtpClient(options);
        var home = await client.GetWorkingDirectoryAsync(Ct);
        await client.UploadAsync(FtpPaths.Combine(home, "idle.txt"), new MemoryStream("idle"u8.ToArray()), Ct);
        await WaitUntilServerDropsAsync(client);
        Assert.Equal(4, await client.GetSizeAsync(FtpPaths.Combine(home, "idle.txt"), Ct));

        await WaitUntilServerDropsAsync(client);
        await using var download = await client.OpenReadAsync(FtpPaths.Combine(home, "idle.txt"), 0, Ct);
        Assert.Equal("idle"u8.ToArray(), await TestClients.ReadAllAsync(download));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(SecondsIdleServers))]
    public async Task Health_check_replaces_an_idle_connection_the_server_dropped(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, new FtpServerOptions { IdleTimeoutSeconds = 2 }, Ct);
        var options = TestClients.OptionsFor(server) with { HealthCheckAfter = TimeSpan.FromMilliseconds(500), IdleTimeout = TimeSpan.FromHours(1), RetryCount = 0 };
        await using var client = new FtpClient(options);
        var home = await client.GetWorkingDirectoryAsync(Ct);
        await WaitUntilServerDropsAsync(client);
        // With retries off, only the NOOP health check can keep this from failing.
        Assert.Equal(home, await client.GetWorkingDirectoryAsync(Ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task Callers_beyond_the_pool_limit_wait_in_order_and_get_a_connection()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, null, Ct);
        await using var pool = new FtpConnectionPool(TestClients.OptionsFor(server) with { MaxConnections = 1 });
        var first = await pool.RentAsync(Ct);
        var second = pool.RentAsync(Ct).AsTask();
        await Task.Delay(200, Ct);
        Assert.False(second.IsCompleted);
        var firstSession = first.Session;
        await first.DisposeAsync();
        await using var lease = await second.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Same(firstSession, lease.Session);
        Assert.Equal(1, pool.OpenCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task Discarded_lease_is_closed_and_its_slot_freed()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, null, Ct);
        await using var pool = new FtpConnectionPool(TestClients.OptionsFor(server) with { MaxConnections = 1 });
        var lease = await pool.RentAsync(Ct);
        var session = lease.Session;
        lease.Discard();
        await lease.DisposeAsync();
        Assert.Equal(0, pool.OpenCount);
        await using var next = await pool.RentAsync(Ct);
        Assert.NotSame(session, next.Session);
    }

    [Fact(Timeout = 30_000)]
    public async Task Unreachable_server_fails_with_connection_lost_not_a_hang()
    {
        var options = new FtpClientOptions
        {
            Host = "127.0.0.1",
            Port = FreePort(),
            Credentials = new FtpCredentials("u", "p"),
            RetryCount = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        await using var client = new FtpClient(options);
        var error = await Assert.ThrowsAsync<FtpConnectionLostException>(() => client.GetWorkingDirectoryAsync(Ct));
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waits until the server has closed every control connection we hold to it: our side of each socket is then in
    /// CLOSE_WAIT. Read from /proc/net/tcp so the connection itself is not touched (that would reset the idle clock).
    /// </summary>
    private static async Task WaitUntilServerDropsAsync(FtpClient client)
    {
        Assert.True(client.Pool.IdleCount >= 1);
        var port = client.Pool.Options.Port;
        await Poll.UntilOrFailAsync(
            () =>
            {
                var states = LoopbackSocketStates(port);
                // Sockets we closed ourselves linger in TIME_WAIT; only established vs half-closed-by-server matters.
                return states.Contains(CloseWait) && !states.Contains(Established);
            },
            TimeSpan.FromSeconds(20),
            $"the server on port {port} did not close the idle connection within 20 s",
            Ct,
            TimeSpan.FromMilliseconds(100));
    }

    private const int Established = 0x01;
    private const int CloseWait = 0x08;

    private static List<int> LoopbackSocketStates(int remotePort)
    {
        var states = new List<int>();
        // Dual-mode sockets (IPv4 peers on an IPv6 socket) appear in tcp6.
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1).Concat(File.ReadLines("/proc/net/tcp6").Skip(1)))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var remote = fields[2];
            if (Convert.ToInt32(remote[(remote.IndexOf(':', StringComparison.Ordinal) + 1)..], 16) == remotePort)
            {
                states.Add(Convert.ToInt32(fields[3], 16));
            }
        }

        return states;
    }
}
