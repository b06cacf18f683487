using FtpMount.Testing;
using static FtpMount.Core.Tests.Integration.CoreOverServer;

namespace FtpMount.Core.Tests.Integration;

/// <summary>
/// An open file's reader keeps its RETR between reads, but never while someone else waits for a connection: a
/// held stream whose next read may never come must not make a listing wait (issue 11 point 16).
/// </summary>
[Trait("Category", "Integration")]
public class ReaderYieldTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_reader_between_reads_gives_its_connection_to_a_listing_that_waits_for_it(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        var content = new byte[4 * 1024 * 1024];
        new Random(5).NextBytes(content);
        setup.Server.CreateFile("big.bin", content);
        setup.Server.CreateFile("d/inside.txt", "x"u8);
        // One connection only, and a short wait for it: the listing can only succeed if the reader gives it back.
        var core = await setup.OpenCoreAsync(
            options: new RemoteFileSystemOptions { PrefetchSiblings = false, ParallelSegments = false },
            client: o => o with { MaxConnections = 1, PoolWaitTimeout = TimeSpan.FromSeconds(3) });
        var file = await core.OpenAsync(P("/big.bin"), read: true, write: false, truncate: false, Ct);
        var buffer = new byte[64 * 1024];
        Assert.Equal(buffer.Length, await core.ReadAsync(file, buffer, 0, Ct));
        Assert.Equal(content.AsSpan(0, buffer.Length).ToArray(), buffer);

        var listing = await core.ListAsync(P("/d"), Ct);

        Assert.Equal("inside.txt", Assert.Single(listing).Name);
        var far = content.Length - buffer.Length;
        Assert.Equal(buffer.Length, await core.ReadAsync(file, buffer, far, Ct));
        Assert.Equal(content.AsSpan(far, buffer.Length).ToArray(), buffer);
        await core.ReleaseAsync(file, Ct);
    }
}
