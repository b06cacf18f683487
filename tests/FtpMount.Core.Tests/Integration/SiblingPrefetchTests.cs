using System.Net;
using FtpMount.Core.Paths;
using FtpMount.FtpProxy;
using FtpMount.Testing;
using static FtpMount.Core.Tests.Integration.CoreOverServer;

namespace FtpMount.Core.Tests.Integration;

/// <summary>
/// A walk lists sibling folders ahead on further pooled connections, each folder still once on the wire, and the
/// walk sees exactly what is on the server. Off, the walk uses one connection and nothing is listed ahead.
/// </summary>
[Trait("Category", "Integration")]
public class SiblingPrefetchTests
{
    private const int Folders = 12;
    private const int FilesPerFolder = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Walk_lists_siblings_ahead_on_more_connections_and_each_folder_once(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        MakeTree(setup.Server.RootDirectory);
        var recorder = new CommandRecorder();

        // Listings that take a little time, as any do over a network. On bare loopback a listing can be over before
        // the prefetches its start let go ask for a connection, and they may then all take turns on the one that is
        // free, which the design allows (CI saw one connection with pure-ftpd twice, 2026-12-05 and -06).
        await using var proxy = FtpProxy.FtpProxy.Start(
            new IPEndPoint(IPAddress.Loopback, setup.Server.Port), new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(5) });
        var core = await setup.OpenCoreAsync(proxy.Port, new RemoteFileSystemOptions { PrefetchSiblings = true }, ftpLogger: recorder);

        var seen = await WalkAsync(core);

        Assert.Equal(ExpectedTree(), seen);
        Assert.True(core.PrefetchesStarted > 0, "no sibling listing was started ahead");

        // Connections made, not those open at the end: one the server dropped meanwhile was still used.
        Assert.True(
            recorder.ConnectionsMade >= 2,
            $"{recorder.ConnectionsMade} connections made, {setup.Ftp.Pool.OpenCount} open; the client said:\n{string.Join('\n', recorder.Events)}");
        AssertEachFolderListedOnce(recorder);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Walk_without_prefetch_lists_one_folder_at_a_time(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        MakeTree(setup.Server.RootDirectory);
        var recorder = new CommandRecorder();
        var core = await setup.OpenCoreAsync(options: new RemoteFileSystemOptions { PrefetchSiblings = false }, ftpLogger: recorder);

        var seen = await WalkAsync(core);

        Assert.Equal(ExpectedTree(), seen);
        Assert.Equal(0, core.PrefetchesStarted);
        Assert.Equal(1, recorder.ConnectionsMade);
        AssertEachFolderListedOnce(recorder);
    }

    /// <summary>
    /// The folder the walk asks for goes out first, on the connection that is free; the siblings listed ahead wait
    /// for connections of their own. The other way round, the walk waited for a new connection to log in (seven
    /// round trips: 350 ms at 40 ms RTT) while its next folders were listed.
    /// </summary>
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task The_walks_own_listing_takes_the_free_connection_before_the_siblings_listed_ahead(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        MakeTree(setup.Server.RootDirectory);
        var recorder = new CommandRecorder();
        var core = await setup.OpenCoreAsync(options: new RemoteFileSystemOptions { PrefetchSiblings = true }, ftpLogger: recorder);

        await core.ListAsync(P("/tree"), Ct);
        await core.ListAsync(P("/tree/d00"), Ct);

        Assert.True(core.PrefetchesStarted > 0, "no sibling listing was started ahead");
        var listed = Listed(recorder);
        Assert.True(
            listed.Count >= 2 && listed[0].EndsWith("/tree", StringComparison.Ordinal) && listed[1].EndsWith("/tree/d00", StringComparison.Ordinal),
            $"listed in this order: [{string.Join(", ", listed)}]");
    }

    [Fact(Timeout = 120_000)]
    public async Task Closing_the_filesystem_while_prefetches_are_in_flight_ends_them()
    {
        await using var setup = await StartAsync(FtpServerKind.Vsftpd);
        MakeTree(setup.Server.RootDirectory);
        await using var proxy = FtpProxy.FtpProxy.Start(
            new IPEndPoint(IPAddress.Loopback, setup.Server.Port), new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(100) });
        var core = await setup.OpenCoreAsync(proxy.Port, new RemoteFileSystemOptions { PrefetchSiblings = true });
        await core.ListAsync(P("/tree"), Ct);
        await core.ListAsync(P("/tree/d00"), Ct);
        Assert.True(core.PrefetchesStarted > 0);

        // Closing must neither hang on the slow listings nor leave a prefetch that outlives the pool.
        var closing = core.DisposeAsync().AsTask();
        await closing.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    private static void MakeTree(string root)
    {
        for (var d = 0; d < Folders; d++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "tree", $"d{d:00}"));
            for (var f = 0; f < FilesPerFolder; f++)
            {
                File.WriteAllText(Path.Combine(folder.FullName, $"f{f}.txt"), new string('x', d + f));
            }
        }
    }

    private static SortedSet<string> ExpectedTree()
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < Folders; d++)
        {
            expected.Add($"/tree/d{d:00}");
            for (var f = 0; f < FilesPerFolder; f++)
            {
                expected.Add($"/tree/d{d:00}/f{f}.txt:{d + f}");
            }
        }

        return expected;
    }

    /// <summary>Like find: the top folder, then each subfolder in listing order, one after the other.</summary>
    private static async Task<SortedSet<string>> WalkAsync(RemoteFileSystem core)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in await core.ListAsync(P("/tree"), Ct))
        {
            var path = $"/tree/{folder.Name}";
            seen.Add(path);
            foreach (var file in await core.ListAsync(P(path), Ct))
            {
                seen.Add($"{path}/{file.Name}:{file.Size}");
            }
        }

        return seen;
    }

    /// <summary>The paths of the listings under /tree the client sent, in order.</summary>
    private static List<string> Listed(CommandRecorder recorder) =>
        [.. recorder.Commands
            .Where(c => c.StartsWith("LIST", StringComparison.Ordinal) || c.StartsWith("MLSD", StringComparison.Ordinal))
            .Select(c => c[(c.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? slash : c.Length)..])
            .Where(p => p.Contains("/tree", StringComparison.Ordinal))];

    private static void AssertEachFolderListedOnce(CommandRecorder recorder)
    {
        var listed = Listed(recorder);
        for (var d = 0; d < Folders; d++)
        {
            var folder = $"/tree/d{d:00}";
            Assert.True(
                listed.Count(p => p.EndsWith(folder, StringComparison.Ordinal)) == 1,
                $"{folder} was not listed exactly once: [{string.Join(", ", listed)}]; the client said:\n{string.Join('\n', recorder.Events)}");
        }
    }
}
