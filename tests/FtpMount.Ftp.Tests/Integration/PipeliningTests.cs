using System.Net;
using FtpMount.Ftp.Errors;
using FtpMount.FtpProxy;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>
/// What pipelined placing relies on, checked on the four real servers through the proxy, which logs the commands and
/// counts the client's flights: each reads commands sent in one flight in order; a refused RNFR makes the RNTO that
/// travelled with it fail without touching the target (also after an earlier rename on the same connection); and a
/// transfer command sent while the passive connect is on its way works.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PipeliningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Mode_time_and_rename_of_an_upload_take_one_round_trip_and_all_apply(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, server.Port), FtpProxyOptions.Default);
        await using var client = new FtpClient(TestClients.OptionsFor(server) with { Port = proxy.Port });
        var home = await client.GetWorkingDirectoryAsync(Ct);
        var content = TestClients.RandomBytes(3000, 15);
        var temporary = FtpPaths.Combine(home, ".ftpmount-test.part");
        Assert.Equal(content.Length, await client.UploadAsync(temporary, new MemoryStream(content), Ct));
        var stamp = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var (commands, flights) = (proxy.Commands.Count, proxy.Commands.Flights);

        var outcome = await client.PlaceUploadAsync(temporary, FtpPaths.Combine(home, "placed.bin"), Convert.ToInt32("640", 8), stamp, Ct);

        Assert.Null(outcome.ModeError);
        Assert.Null(outcome.TimeError);
        Assert.Equal(
            ["SITE CHMOD", kind == FtpServerKind.Vsftpd ? "MDTM" : "MFMT", "RNFR", "RNTO"],
            proxy.Commands.Verbs.Skip((int)commands));
        Assert.Equal(1, proxy.Commands.Flights - flights);
        var local = Path.Combine(server.RootDirectory, "placed.bin");
        Assert.Equal(content, await File.ReadAllBytesAsync(local, Ct));
        Assert.Equal(stamp.UtcDateTime, File.GetLastWriteTimeUtc(local));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(local));
        Assert.False(File.Exists(Path.Combine(server.RootDirectory, ".ftpmount-test.part")));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_refused_RNFR_makes_the_RNTO_sent_with_it_fail_and_the_target_stays(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        server.CreateFile("kept.txt", "kept"u8);
        server.CreateFile("a.txt", "a"u8);
        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, server.Port), FtpProxyOptions.Default);
        await using var client = new FtpClient(TestClients.OptionsFor(server) with { Port = proxy.Port, MaxConnections = 1 });
        var home = await client.GetWorkingDirectoryAsync(Ct);

        // A rename that worked first, on the same connection: no rename-from state may outlive it.
        await client.RenameAsync(FtpPaths.Combine(home, "a.txt"), FtpPaths.Combine(home, "b.txt"), Ct);
        var flights = proxy.Commands.Flights;
        await Assert.ThrowsAsync<FtpRenameSourceRefusedException>(
            () => client.RenameAsync(FtpPaths.Combine(home, "missing.txt"), FtpPaths.Combine(home, "kept.txt"), Ct));

        Assert.Equal(1, proxy.Commands.Flights - flights);
        Assert.Equal(["RNFR", "RNTO"], proxy.Commands.Verbs.TakeLast(2));
        Assert.Equal("kept", await File.ReadAllTextAsync(Path.Combine(server.RootDirectory, "kept.txt"), Ct));
        Assert.Equal("a", await File.ReadAllTextAsync(Path.Combine(server.RootDirectory, "b.txt"), Ct));
        Assert.True(client.Pipelining);
        Assert.Equal(1, client.Pool.OpenCount);
        await client.GetSizeAsync(FtpPaths.Combine(home, "kept.txt"), Ct);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Transfers_whose_command_travels_with_the_passive_connect_work(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        await using var proxy = FtpProxy.FtpProxy.Start(
            new IPEndPoint(IPAddress.Loopback, server.Port), FtpProxyOptions.Default with { OneWayDelay = TimeSpan.FromMilliseconds(20) });
        await using var client = new FtpClient(TestClients.OptionsFor(server) with { Port = proxy.Port, MaxConnections = 1 });
        var home = await client.GetWorkingDirectoryAsync(Ct);
        var content = TestClients.RandomBytes(5000, 3);

        for (var i = 0; i < 5; i++)
        {
            var path = FtpPaths.Combine(home, $"f{i}.bin");
            Assert.Equal(content.Length, await client.UploadAsync(path, new MemoryStream(content), Ct));
            await using var read = await client.OpenReadAsync(path, 0, Ct);
            Assert.Equal(content, await TestClients.ReadAllAsync(read));
        }

        Assert.Equal(5, (await client.ListAsync(home, Ct)).Entries.Count);
        Assert.Equal(1, client.Pool.OpenCount);
    }
}
