using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Paths;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Core.Tests.Cache;

public class FolderPollerTests
{
    private static readonly RemotePath Folder = RemotePath.Parse("/d");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A server folder another client changes between listings.</summary>
    private sealed class Server
    {
        public Dictionary<string, RemoteEntry> Files { get; } = new(StringComparer.Ordinal);

        public int Listings;

        public Task<DirectoryListing> ListAsync(RemotePath directory, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Listings);
            return Task.FromResult(new DirectoryListing(Files.Values.ToList(), DateTimeOffset.UnixEpoch));
        }

        public void Put(string name, long size, int minute = 0) =>
            Files[name] = new RemoteEntry(name, EntryKind.File, size, DateTimeOffset.UnixEpoch.AddMinutes(minute), null, null);
    }

    private static (DirectoryCache Cache, FolderPoller Poller, List<string> Changed) Start(Server server, ManualClock clock)
    {
        var cache = new DirectoryCache(server.ListAsync, new DirectoryCacheOptions { DirectoryTtl = TimeSpan.FromHours(1) }, clock);
        var poller = new FolderPoller(cache, TimeSpan.FromSeconds(30), clock, NullLogger.Instance);
        var changed = new List<string>();
        poller.Changed += changed.Add;
        return (cache, poller, changed);
    }

    [Fact(Timeout = 10_000)]
    public async Task Names_that_appeared_changed_or_vanished_are_reported_and_the_cache_takes_the_new_listing()
    {
        var server = new Server();
        server.Put("same", 1);
        server.Put("grows", 1);
        server.Put("goes", 1);
        server.Put("touched", 1);
        var clock = new ManualClock();
        var (cache, poller, changed) = Start(server, clock);
        using var _ = cache;
        using var __ = poller;
        await cache.GetListingAsync(Folder, Ct);
        poller.Listed(Folder);

        server.Put("grows", 2);
        server.Put("touched", 1, minute: 5);
        server.Files.Remove("goes");
        server.Put("new", 1);
        Assert.Equal(1, await poller.PollOnceAsync(Ct));

        Assert.Equal(["/d", "/d/goes", "/d/grows", "/d/touched"], changed.Order(StringComparer.Ordinal));
        var listing = await cache.GetListingAsync(Folder, Ct);
        Assert.Equal(2, server.Listings);
        Assert.NotNull(listing.Find("new"));
        Assert.Null(listing.Find("goes"));
        Assert.Equal(2, listing.Find("grows")!.Size);
    }

    [Fact(Timeout = 10_000)]
    public async Task An_unchanged_folder_reports_nothing()
    {
        var server = new Server();
        server.Put("a", 1);
        var clock = new ManualClock();
        var (cache, poller, changed) = Start(server, clock);
        using var _ = cache;
        using var __ = poller;
        await cache.GetListingAsync(Folder, Ct);
        poller.Listed(Folder);

        await poller.PollOnceAsync(Ct);

        Assert.Empty(changed);
    }

    [Fact(Timeout = 10_000)]
    public async Task Only_folders_listed_lately_are_polled_and_at_most_a_bounded_number()
    {
        var server = new Server();
        var clock = new ManualClock();
        var (cache, poller, _) = Start(server, clock);
        using var __ = cache;
        using var ___ = poller;
        for (var i = 0; i < FolderPoller.MaxFolders * 2; i++)
        {
            poller.Listed(RemotePath.Parse($"/f{i}"));
        }

        Assert.Equal(FolderPoller.MaxFolders, await poller.PollOnceAsync(Ct));

        // Past the window (ten intervals, at least five minutes) nobody looks at them any more.
        clock.Now += TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);
        poller.Listed(Folder);
        Assert.Equal(1, await poller.PollOnceAsync(Ct));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_folder_that_cannot_be_listed_any_more_is_reported_and_dropped()
    {
        var clock = new ManualClock();
        var fails = false;
        using var cache = new DirectoryCache(
            (_, _) => fails ? throw new InvalidOperationException("550 gone") : Task.FromResult(new DirectoryListing([], DateTimeOffset.UnixEpoch)),
            new DirectoryCacheOptions(),
            clock);
        using var poller = new FolderPoller(cache, TimeSpan.FromSeconds(30), clock, NullLogger.Instance);
        var changed = new List<string>();
        poller.Changed += changed.Add;
        poller.Listed(Folder);
        fails = true;

        Assert.Equal(1, await poller.PollOnceAsync(Ct));
        Assert.Equal(["/d"], changed);
        Assert.Equal(0, await poller.PollOnceAsync(Ct));
    }

    [Fact(Timeout = 10_000)]
    public void Disposing_twice_is_harmless()
    {
        var clock = new ManualClock();
        using var cache = new DirectoryCache(new Server().ListAsync, new DirectoryCacheOptions(), clock);
        var poller = new FolderPoller(cache, TimeSpan.FromSeconds(30), clock, NullLogger.Instance);
        poller.Start();

        poller.Dispose();
        poller.Dispose();
    }
}
