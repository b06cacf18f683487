using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Paths;
using FtpMount.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FtpMount.Core.Tests.Cache;

public class DirectoryCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RemoteEntry File(string name, long size = 1) => new(name, EntryKind.File, size, DateTimeOffset.UnixEpoch, null, null);

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingLister
    {
        public int Calls;
        public TaskCompletionSource? Gate;

        public async Task<DirectoryListing> ListAsync(RemotePath directory, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            return new DirectoryListing([File("a"), File("b")], DateTimeOffset.UnixEpoch);
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Concurrent_misses_for_one_directory_issue_one_listing()
    {
        var lister = new CountingLister { Gate = new TaskCompletionSource() };
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions());
        var dir = RemotePath.Parse("/d");
        var calls = Enumerable.Range(0, 20).Select(_ => cache.GetListingAsync(dir, Ct).AsTask()).ToArray();
        lister.Gate.SetResult();
        var results = await Task.WhenAll(calls);
        Assert.Equal(1, lister.Calls);
        Assert.All(results, r => Assert.Equal(2, r.Count));
    }

    /// <summary>
    /// A miss that reaches the in-flight table just after another caller's fetch stored its listing and left the
    /// table must take the stored listing, not list again. A lister that completes at once makes that window as
    /// wide as it gets: two threads miss together, one fetches, stores and leaves before the other looks.
    /// </summary>
    [Fact(Timeout = 30_000)]
    public async Task A_miss_that_races_a_finishing_fetch_takes_its_listing_instead_of_listing_again()
    {
        const int Rounds = 3000;
        var duplicated = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var lister = new CountingLister();
            using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions());
            var dir = RemotePath.Parse("/d");
            using var start = new Barrier(2);
            var both = Enumerable.Range(0, 2)
                .Select(_ => Task.Run(async () =>
                {
                    start.SignalAndWait(Ct);
                    await cache.GetListingAsync(dir, Ct);
                }))
                .ToArray();
            await Task.WhenAll(both);
            duplicated += lister.Calls - 1;
        }

        Assert.Equal(0, duplicated);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_caller_that_joins_a_listing_in_flight_leaves_on_its_own_deadline_and_the_fetch_goes_on()
    {
        var lister = new CountingLister { Gate = new TaskCompletionSource() };
        var wait = TimeSpan.FromSeconds(1);
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions { ListingWaitTimeout = wait });
        var dir = RemotePath.Parse("/d");
        var first = System.Diagnostics.Stopwatch.StartNew();
        var starter = cache.GetListingAsync(dir, Ct).AsTask();
        await Task.Delay(500, Ct);
        var second = System.Diagnostics.Stopwatch.StartNew();
        var joiner = cache.GetListingAsync(dir, Ct).AsTask();

        var starterError = await Assert.ThrowsAsync<RemoteFsException>(() => starter);
        var starterTook = first.Elapsed;
        var joinerError = await Assert.ThrowsAsync<RemoteFsException>(() => joiner);
        var joinerTook = second.Elapsed;

        Assert.Equal(FsError.TimedOut, starterError.Error);
        Assert.Equal(FsError.TimedOut, joinerError.Error);
        Assert.InRange(starterTook, wait * 0.9, wait * 4);
        Assert.InRange(joinerTook, wait * 0.9, wait * 4);
        Assert.Equal(1, lister.Calls);

        // The fetch was never cancelled: once it ends, its listing serves the next caller without another one.
        lister.Gate.SetResult();
        await Poll.UntilOrFailAsync(() => cache.TryGetListing(dir, out _), TimeSpan.FromSeconds(5), "the listing never reached the cache", Ct);
        Assert.Equal(2, (await cache.GetListingAsync(dir, Ct)).Count);
        Assert.Equal(1, lister.Calls);
    }

    [Fact(Timeout = 10_000)]
    public async Task Listing_expires_after_its_ttl()
    {
        var clock = new ManualClock();
        var lister = new CountingLister();
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions { DirectoryTtl = TimeSpan.FromSeconds(10) }, clock);
        var dir = RemotePath.Parse("/d");
        await cache.GetListingAsync(dir, Ct);
        clock.Now += TimeSpan.FromSeconds(9);
        await cache.GetListingAsync(dir, Ct);
        Assert.Equal(1, lister.Calls);
        clock.Now += TimeSpan.FromSeconds(2);
        await cache.GetListingAsync(dir, Ct);
        Assert.Equal(2, lister.Calls);
    }

    [Fact(Timeout = 10_000)]
    public async Task Each_caller_waiting_for_one_listing_leaves_on_its_own_deadline_on_the_cache_clock()
    {
        var clock = new FakeTimeProvider();
        var lister = new CountingLister { Gate = new TaskCompletionSource() };
        var wait = TimeSpan.FromSeconds(10);
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions { ListingWaitTimeout = wait }, clock);
        var dir = RemotePath.Parse("/d");
        var starter = cache.GetListingAsync(dir, Ct).AsTask();
        clock.Advance(TimeSpan.FromSeconds(4));
        var joiner = cache.GetListingAsync(dir, Ct).AsTask();

        clock.Advance(TimeSpan.FromSeconds(6));
        var starterError = await Assert.ThrowsAsync<RemoteFsException>(() => starter);
        Assert.Equal(FsError.TimedOut, starterError.Error);
        Assert.False(joiner.IsCompleted, "the joiner left on the starter's deadline");

        clock.Advance(TimeSpan.FromSeconds(4));
        var joinerError = await Assert.ThrowsAsync<RemoteFsException>(() => joiner);
        Assert.Equal(FsError.TimedOut, joinerError.Error);
        Assert.Equal(1, lister.Calls);

        lister.Gate.SetResult();
        await Poll.UntilOrFailAsync(() => cache.TryGetListing(dir, out _), TimeSpan.FromSeconds(5), "the listing never reached the cache", Ct);
        Assert.Equal(1, lister.Calls);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_listing_patched_by_our_own_change_keeps_its_age_and_expires_on_time()
    {
        var clock = new FakeTimeProvider();
        var lister = new CountingLister();
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions { DirectoryTtl = TimeSpan.FromSeconds(30) }, clock);
        var dir = RemotePath.Parse("/d");
        await cache.GetListingAsync(dir, Ct);

        clock.Advance(TimeSpan.FromSeconds(20));
        cache.Update(dir.Combine("new"), File("new", 7));
        clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGetListing(dir, out var patched));
        Assert.Equal(7, patched.Find("new")?.Size);

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGetListing(dir, out _));
        await cache.GetListingAsync(dir, Ct);
        Assert.Equal(2, lister.Calls);
    }

    [Fact]
    public void A_single_entry_is_trusted_for_the_directory_ttl_and_absence_for_the_negative_ttl()
    {
        var clock = new FakeTimeProvider();
        using var cache = new DirectoryCache(
            new CountingLister().ListAsync,
            new DirectoryCacheOptions { DirectoryTtl = TimeSpan.FromSeconds(30), NegativeTtl = TimeSpan.FromSeconds(5) },
            clock);
        var present = RemotePath.Parse("/d/a");
        var absent = RemotePath.Parse("/d/gone");
        cache.StoreEntry(present, File("a"));
        cache.StoreEntry(absent, null);

        clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGetEntry(absent, out var none));
        Assert.Null(none);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGetEntry(absent, out _));
        Assert.True(cache.TryGetEntry(present, out var found));
        Assert.Equal("a", found?.Name);

        clock.Advance(TimeSpan.FromSeconds(25));
        Assert.False(cache.TryGetEntry(present, out _));
    }

    [Fact(Timeout = 10_000)]
    public async Task Entries_are_answered_from_the_parent_listing_including_absence()
    {
        var lister = new CountingLister();
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions());
        Assert.False(cache.TryGetEntry(RemotePath.Parse("/d/a"), out _));
        await cache.GetListingAsync(RemotePath.Parse("/d"), Ct);
        Assert.True(cache.TryGetEntry(RemotePath.Parse("/d/a"), out var found));
        Assert.Equal("a", found!.Name);
        Assert.True(cache.TryGetEntry(RemotePath.Parse("/d/zzz"), out var missing));
        Assert.Null(missing);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_ttl_of_zero_trusts_nothing_and_never_fails_a_lookup()
    {
        // dir_cache_ttl=0 and negative_ttl=0 are accepted options: every getattr used to fail with EIO on them.
        var lister = new CountingLister();
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions { DirectoryTtl = TimeSpan.Zero, NegativeTtl = TimeSpan.Zero });
        var file = RemotePath.Parse("/a");
        cache.StoreEntry(file, File("a"));
        cache.StoreEntry(RemotePath.Parse("/nope"), null);
        Assert.False(cache.TryGetEntry(file, out _));
        Assert.False(cache.TryGetEntry(RemotePath.Parse("/nope"), out _));

        await cache.GetListingAsync(RemotePath.Root, TestContext.Current.CancellationToken);
        await cache.GetListingAsync(RemotePath.Root, TestContext.Current.CancellationToken);
        Assert.Equal(2, lister.Calls);
    }

    [Fact]
    public void Negative_entries_expire_after_the_negative_ttl()
    {
        var clock = new ManualClock();
        using var cache = new DirectoryCache(new CountingLister().ListAsync, new DirectoryCacheOptions { NegativeTtl = TimeSpan.FromSeconds(2) }, clock);
        var path = RemotePath.Parse("/nope");
        cache.StoreEntry(path, null);
        Assert.True(cache.TryGetEntry(path, out var entry));
        Assert.Null(entry);
        clock.Now += TimeSpan.FromSeconds(3);
        Assert.False(cache.TryGetEntry(path, out _));
    }

    [Fact(Timeout = 10_000)]
    public async Task Own_changes_patch_the_cached_parent_listing_without_relisting()
    {
        var lister = new CountingLister();
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions());
        var dir = RemotePath.Parse("/d");
        await cache.GetListingAsync(dir, Ct);
        cache.Update(dir.Combine("c"), File("c", 42));
        cache.Update(dir.Combine("a"), null);
        var listing = await cache.GetListingAsync(dir, Ct);
        Assert.Equal(1, lister.Calls);
        Assert.Equal(42, listing.Find("c")!.Size);
        Assert.Null(listing.Find("a"));
        Assert.NotNull(listing.Find("b"));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_listing_fetched_across_our_own_changes_shows_them_and_is_stored_with_them()
    {
        // The server listed before an upload was renamed into place and before "a" was deleted; the result must
        // still show both changes, or a file saved in the background vanishes from a concurrent readdir.
        var lister = new CountingLister { Gate = new TaskCompletionSource() };
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions());
        var dir = RemotePath.Parse("/d");
        var pending = cache.GetListingAsync(dir, Ct).AsTask();
        cache.Update(dir.Combine("new"), File("new", 7));
        cache.Update(dir.Combine("a"), null);
        lister.Gate.SetResult();
        var listing = await pending;
        Assert.Equal(7, listing.Find("new")?.Size);
        Assert.Null(listing.Find("a"));
        Assert.True(cache.TryGetListing(dir, out var stored));
        Assert.Equal(["b", "new"], stored.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, lister.Calls);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_listing_fetched_across_an_invalidation_is_not_stored()
    {
        var lister = new CountingLister { Gate = new TaskCompletionSource() };
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions());
        var dir = RemotePath.Parse("/d");
        var pending = cache.GetListingAsync(dir, Ct).AsTask();
        cache.Update(dir.Combine("new"), File("new"));
        cache.InvalidateDirectory(dir);
        lister.Gate.SetResult();
        await pending;
        Assert.False(cache.TryGetListing(dir, out _));
    }

    [Fact(Timeout = 10_000)]
    public async Task Invalidating_a_tree_drops_every_listing_below_it()
    {
        var lister = new CountingLister();
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions());
        foreach (var path in new[] { "/t", "/t/x", "/t/x/y", "/other" })
        {
            await cache.GetListingAsync(RemotePath.Parse(path), Ct);
        }

        cache.InvalidateTree(RemotePath.Parse("/t"));
        Assert.False(cache.TryGetListing(RemotePath.Parse("/t"), out _));
        Assert.False(cache.TryGetListing(RemotePath.Parse("/t/x/y"), out _));
        Assert.True(cache.TryGetListing(RemotePath.Parse("/other"), out _));
    }

    [Fact(Timeout = 10_000)]
    public async Task Cache_size_is_bounded()
    {
        var lister = new CountingLister();
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions { MaxEntries = 30 });
        for (var i = 0; i < 100; i++)
        {
            await cache.GetListingAsync(RemotePath.Parse($"/d{i}"), Ct);
        }

        var cached = Enumerable.Range(0, 100).Count(i => cache.TryGetListing(RemotePath.Parse($"/d{i}"), out _));
        Assert.InRange(cached, 1, 10);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_folder_whose_names_changed_through_the_mount_shows_the_time_of_the_change()
    {
        // rsync -a sets a folder's time, fills it, and sets the time again only if the folder shows another one.
        var clock = new ManualClock();
        var lister = new CountingLister();
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions(), clock);
        var folder = RemotePath.Parse("/d/sub");
        await cache.GetListingAsync(folder.Parent, Ct);
        var setByProgram = new DateTimeOffset(2020, 1, 2, 7, 8, 9, TimeSpan.Zero);
        cache.Update(folder, new RemoteEntry("sub", EntryKind.Directory, 0, setByProgram, null, null));

        clock.Now += TimeSpan.FromSeconds(1);
        cache.FolderChanged(folder);

        Assert.True(cache.TryGetEntry(folder, out var shown));
        Assert.Equal(clock.Now, shown!.Modified);
        Assert.Equal(EntryKind.Directory, shown.Kind);
        Assert.Equal(1, lister.Calls);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_folder_change_leaves_files_and_unknown_folders_alone()
    {
        var lister = new CountingLister();
        using var cache = new DirectoryCache(lister.ListAsync, new DirectoryCacheOptions(), new ManualClock());
        var dir = RemotePath.Parse("/d");
        await cache.GetListingAsync(dir, Ct);

        cache.FolderChanged(dir.Combine("a"));
        cache.FolderChanged(RemotePath.Parse("/elsewhere/x"));

        Assert.True(cache.TryGetEntry(dir.Combine("a"), out var file));
        Assert.Equal(DateTimeOffset.UnixEpoch, file!.Modified);
        Assert.False(cache.TryGetEntry(RemotePath.Parse("/elsewhere/x"), out _));
    }
}
