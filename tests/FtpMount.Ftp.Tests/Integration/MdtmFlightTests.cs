using System.Net;
using FtpMount.FtpProxy;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>
/// The exact times of a folder's files (for servers whose LIST gives only minutes, as vsftpd's does): every MDTM in
/// one flight, so a folder costs one round trip instead of one per file, on each of the four servers; each answer
/// lands on its own path, a missing file gets none, and with pipelining off they go one at a time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MdtmFlightTests
{
    private const int Files = 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_folders_MDTMs_go_in_one_flight_and_each_time_lands_on_its_own_file(FtpServerKind kind)
    {
        var (times, flights, verbs) = await AskAsync(kind, pipelining: true);

        Assert.Equal(1, flights);
        Assert.Equal(Files + 1, verbs.Count(v => v == "MDTM"));
        AssertTimes(times);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Without_pipelining_each_MDTM_waits_for_the_one_before(FtpServerKind kind)
    {
        var (times, flights, _) = await AskAsync(kind, pipelining: false);

        Assert.Equal(Files + 1, flights);
        AssertTimes(times);
    }

    private static DateTimeOffset Stamp(int i) => new(2019, 1 + (i % 12), 1 + i, 10, 20, i, TimeSpan.Zero);

    private static async Task<(DateTimeOffset?[] Times, long Flights, List<string> Verbs)> AskAsync(FtpServerKind kind, bool pipelining)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        for (var i = 0; i < Files; i++)
        {
            var local = server.CreateFile($"f{i:00}.txt", "x"u8);
            File.SetLastWriteTimeUtc(local, Stamp(i).UtcDateTime);
        }

        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, server.Port), FtpProxyOptions.Default);
        await using var client = new FtpClient(TestClients.OptionsFor(server) with { Port = proxy.Port, MaxConnections = 1, Pipelining = pipelining });
        var home = await client.GetWorkingDirectoryAsync(Ct);
        string[] paths = [.. Enumerable.Range(0, Files).Select(i => FtpPaths.Combine(home, $"f{i:00}.txt")), FtpPaths.Combine(home, "missing.txt")];
        var flights = proxy.Commands.Flights;

        var times = await client.GetModifiedTimesAsync(paths, TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(pipelining, client.Pipelining);
        return (times, proxy.Commands.Flights - flights, [.. proxy.Commands.Verbs]);
    }

    private static void AssertTimes(DateTimeOffset?[] times)
    {
        Assert.Equal(Files + 1, times.Length);
        for (var i = 0; i < Files; i++)
        {
            Assert.Equal(Stamp(i), times[i]);
        }

        Assert.Null(times[Files]);
    }
}
