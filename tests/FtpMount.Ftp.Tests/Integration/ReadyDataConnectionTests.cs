using System.Net;
using FtpMount.Ftp.Tests.Pool;
using FtpMount.FtpProxy;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>
/// Saves in a row (issue 15 point 2): a placement that follows another leaves the next transfer's data connection
/// made (EPSV in the placing flight), so the next STOR goes alone and finds it; on the four real servers every file
/// arrives whole with its mode and time, and a listing after the last save uses the connection it left. One left
/// unused past its lifetime goes with its session, and the next save negotiates on a fresh one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReadyDataConnectionTests
{
    private const int Files = 5;

    private static readonly DateTimeOffset Stamp = new(2022, 7, 8, 9, 10, 11, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Saves_in_a_row_send_STOR_alone_on_a_connection_made_ahead_and_every_file_arrives_whole(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, server.Port), FtpProxyOptions.Default);
        await using var client = new FtpClient(TestClients.OptionsFor(server) with { Port = proxy.Port, MaxConnections = 3 });
        var home = await client.GetWorkingDirectoryAsync(Ct);

        // Three sessions idle: handed out oldest first, the one with a connection made would come last but for the
        // pool's preference.
        var leases = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.Pool.RentAsync(Ct).AsTask()));
        foreach (var lease in leases)
        {
            await lease.DisposeAsync();
        }

        for (var i = 0; i < Files; i++)
        {
            await SaveAsync(client, home, i);
        }

        // The last placement left a connection made: a listing takes it, then downloads negotiate as usual.
        Assert.Equal(Files, (await client.ListAsync(home, Ct)).Entries.Count);
        for (var i = 0; i < Files; i++)
        {
            await using var read = await client.OpenReadAsync(FtpPaths.Combine(home, $"f{i}.bin"), 0, Ct);
            Assert.Equal(Content(i), await TestClients.ReadAllAsync(read));
        }

        var verbs = proxy.Commands.Verbs.ToList();
        // The first placement has no save before it, so the second STOR negotiates as usual; from the third on, STOR
        // (and the listing after the last) follow RNTO straight away, with no EPSV of their own.
        Assert.Equal(Files - 2, Pairs(verbs, "RNTO", "STOR"));
        Assert.Equal(1, Pairs(verbs, "RNTO", kind == FtpServerKind.Vsftpd ? "LIST" : "MLSD"));
        // One EPSV per transfer, wherever it travelled: none was made ahead and left unused.
        Assert.Equal((2 * Files) + 1, verbs.Count(v => v == "EPSV"));
        for (var i = 0; i < Files; i++)
        {
            var local = Path.Combine(server.RootDirectory, $"f{i}.bin");
            Assert.Equal(Content(i), await File.ReadAllBytesAsync(local, Ct));
            Assert.Equal(Stamp.UtcDateTime, File.GetLastWriteTimeUtc(local));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(local));
        }

        Assert.Equal(3, client.Pool.OpenCount);
        Assert.True(client.Pipelining);
    }

    public static TheoryData<FtpServerKind> TlsServers => FtpServerKinds.Tls;

    /// <summary>Over TLS the connection made ahead is plain TCP until the transfer: its handshake resumes the session as usual.</summary>
    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TlsServers))]
    public async Task Saves_in_a_row_over_TLS_use_connections_made_ahead_and_every_file_arrives_whole(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, new FtpServerOptions { RequireTlsSessionReuse = true }, Ct);
        var log = new LogRecorder();
        await using var client = new FtpClient(TestClients.OptionsFor(server) with { MaxConnections = 1 }, log);
        var home = await client.GetWorkingDirectoryAsync(Ct);

        for (var i = 0; i < Files; i++)
        {
            await SaveAsync(client, home, i);
        }

        Assert.Equal(Files, (await client.ListAsync(home, Ct)).Entries.Count);
        var commands = log.Entries.Where(e => e.Text.StartsWith("> ", StringComparison.Ordinal)).Select(e => e.Text[2..].Split(' ')[0]).ToList();
        Assert.Equal(Files - 2, Pairs(commands, "RNTO", "STOR"));
        Assert.Equal(1, Pairs(commands, "RNTO", "LIST"));
        for (var i = 0; i < Files; i++)
        {
            Assert.Equal(Content(i), await File.ReadAllBytesAsync(Path.Combine(server.RootDirectory, $"f{i}.bin"), Ct));
        }
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_connection_made_ahead_and_left_unused_past_its_lifetime_goes_with_its_session(FtpServerKind kind)
    {
        var lifetime = TimeSpan.FromSeconds(1);
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, server.Port), FtpProxyOptions.Default);
        await using var client = new FtpClient(
            TestClients.OptionsFor(server) with { Port = proxy.Port, MaxConnections = 1, ReadyDataLifetime = lifetime });
        var home = await client.GetWorkingDirectoryAsync(Ct);
        await SaveAsync(client, home, 0);
        await SaveAsync(client, home, 1);
        Assert.Equal(1, proxy.Commands.Verbs.Count(v => v == "USER"));
        Assert.Equal(1, Pairs([.. proxy.Commands.Verbs], "EPSV", "SITE CHMOD"));

        await Task.Delay(lifetime + TimeSpan.FromMilliseconds(500), Ct);
        await SaveAsync(client, home, 2);

        // A new session, which negotiated its own data connection: the old one's waited unused and was not trusted.
        var verbs = proxy.Commands.Verbs.ToList();
        Assert.Equal(2, verbs.Count(v => v == "USER"));
        Assert.Equal("EPSV", verbs[verbs.LastIndexOf("STOR") - 1]);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Content(i), await File.ReadAllBytesAsync(Path.Combine(server.RootDirectory, $"f{i}.bin"), Ct));
        }

        Assert.Equal(1, client.Pool.OpenCount);
    }

    private static byte[] Content(int i) => TestClients.RandomBytes(1000 + (i * 777), i);

    private static async Task SaveAsync(FtpClient client, string home, int i)
    {
        var temporary = FtpPaths.Combine(home, $".f{i}.part");
        Assert.Equal(Content(i).Length, await client.UploadAsync(temporary, new MemoryStream(Content(i)), Ct));
        var outcome = await client.PlaceUploadAsync(temporary, FtpPaths.Combine(home, $"f{i}.bin"), Convert.ToInt32("640", 8), Stamp, Ct);
        Assert.Null(outcome.ModeError);
        Assert.Null(outcome.TimeError);
    }

    /// <summary>How often <paramref name="second"/> came right after <paramref name="first"/>.</summary>
    private static int Pairs(List<string> verbs, string first, string second) =>
        verbs.Zip(verbs.Skip(1)).Count(pair => pair.First == first && pair.Second == second);
}
