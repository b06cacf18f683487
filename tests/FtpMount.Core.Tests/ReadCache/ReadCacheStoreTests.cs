using FtpMount.Core.ReadCache;
using FtpMount.Core.Spool;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FtpMount.Core.Tests.ReadCache;

/// <summary>
/// The cache folder of one source: records that survive a restart, crashes that leave unrecorded data or a torn
/// record (never served), identities that drop stale ranges, and eviction by size (least recently used first, never a
/// file in use) and by age.
/// </summary>
public sealed class ReadCacheStoreTests : IDisposable
{
    private const string Source = "user@host:21/";
    private readonly string _directory = Directory.CreateTempSubdirectory("ftpmount-readcache-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly CacheIdentity A = new("/a.bin", 1000, 1);

    [Fact(Timeout = 10_000)]
    public void Ranges_read_once_are_served_after_the_store_is_opened_again()
    {
        using (var store = Open())
        {
            var file = store.Acquire(A);
            store.Store(file, A, 100, Bytes(200, seed: 1));
            store.Release(file);
        }

        using var again = Open();
        var cached = again.Acquire(A);
        var buffer = new byte[200];
        Assert.True(cached.TryRead(A, 100, buffer));
        Assert.Equal(Bytes(200, seed: 1), buffer);
        Assert.False(cached.TryRead(A, 99, new byte[10]));
        Assert.False(cached.TryRead(A, 250, new byte[51]));
        Assert.Equal(200, again.TotalBytes);
    }

    [Fact(Timeout = 10_000)]
    public void Data_written_without_its_record_is_not_served_after_a_crash()
    {
        string crashed;
        using (var store = Open())
        {
            var file = store.Acquire(A);
            store.Store(file, A, 0, Bytes(500, seed: 2));
            Assert.True(file.TryRead(A, 0, new byte[500]));

            // A crash now: the data file holds the bytes, no record lists them yet (the store never got to write it).
            crashed = CopyFolder(store.FolderPath);
        }

        Assert.True(File.Exists(Path.Combine(crashed, SpoolFolder.SubfolderName(Source), KeyOf(A) + ".data")));
        using var after = Open(crashed);
        Assert.False(after.Acquire(A).TryRead(A, 0, new byte[1]));
        Assert.Equal(0, after.TotalBytes);
    }

    [Fact(Timeout = 10_000)]
    public void A_torn_record_drops_the_file_and_serves_nothing()
    {
        string folder;
        using (var store = Open())
        {
            folder = store.FolderPath;
            var file = store.Acquire(A);
            store.Store(file, A, 0, Bytes(1000, seed: 3));
            store.Release(file);
        }

        var record = Path.Combine(folder, KeyOf(A) + ".ranges");
        var bytes = File.ReadAllBytes(record);
        File.WriteAllBytes(record, bytes[..^7]);

        using var after = Open();
        Assert.Equal(0, after.FileCount);
        Assert.False(File.Exists(record));
        Assert.False(File.Exists(Path.Combine(folder, KeyOf(A) + ".data")));
        Assert.False(after.Acquire(A).TryRead(A, 0, new byte[1]));
    }

    [Fact(Timeout = 10_000)]
    public void A_changed_size_or_time_drops_the_cached_ranges()
    {
        using var store = Open();
        var file = store.Acquire(A);
        store.Store(file, A, 0, Bytes(1000, seed: 4));
        store.Release(file);

        var newer = A with { ModifiedTicks = 2 };
        var again = store.Acquire(newer);
        Assert.False(again.TryRead(newer, 0, new byte[10]));
        Assert.False(again.TryRead(A, 0, new byte[10]));
        Assert.Equal(0, store.TotalBytes);

        var larger = newer with { Size = 2000 };
        store.Store(again, newer, 0, Bytes(10, seed: 5));
        Assert.True(again.TryRead(newer, 0, new byte[10]));
        Assert.Same(again, store.Acquire(larger));
        Assert.False(again.TryRead(newer, 0, new byte[10]));
    }

    [Fact(Timeout = 10_000)]
    public void A_reader_of_the_old_version_neither_reads_nor_writes_once_a_new_version_is_opened()
    {
        using var store = Open();
        var old = store.Acquire(A);
        var newer = A with { ModifiedTicks = 9 };
        store.Acquire(newer);

        store.Store(old, A, 0, Bytes(100, seed: 6));

        Assert.Equal(0, store.TotalBytes);
        Assert.False(old.TryRead(A, 0, new byte[100]));
        Assert.False(old.TryRead(newer, 0, new byte[100]));
    }

    [Fact(Timeout = 10_000)]
    public void Beyond_the_size_limit_the_least_recently_used_file_goes_first_and_a_file_in_use_never()
    {
        using var store = Open(new ReadCacheOptions { MaxBytes = 3000 });
        var a = new CacheIdentity("/a", 1000, 1);
        var b = new CacheIdentity("/b", 1000, 1);
        var c = new CacheIdentity("/c", 1000, 1);
        var d = new CacheIdentity("/d", 1000, 1);
        var inUse = store.Acquire(a);
        store.Store(inUse, a, 0, Bytes(1000, seed: 7));
        foreach (var identity in new[] { b, c })
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            var file = store.Acquire(identity);
            store.Store(file, identity, 0, Bytes(1000, seed: 8));
            store.Release(file);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        var fourth = store.Acquire(d);
        store.Store(fourth, d, 0, Bytes(1000, seed: 9));

        // a is oldest but open; b is the least recently used of the rest.
        Assert.True(inUse.TryRead(a, 0, new byte[1000]));
        Assert.False(File.Exists(Path.Combine(store.FolderPath, KeyOf(b) + ".data")));
        Assert.True(store.Acquire(c).TryRead(c, 0, new byte[1000]));
        Assert.True(fourth.TryRead(d, 0, new byte[1000]));
        Assert.Equal(3000, store.TotalBytes);
    }

    [Fact(Timeout = 10_000)]
    public void When_only_files_in_use_fill_the_cache_new_bytes_are_not_kept()
    {
        using var store = Open(new ReadCacheOptions { MaxBytes = 1000 });
        var file = store.Acquire(A);
        store.Store(file, A, 0, Bytes(1000, seed: 10));
        var b = new CacheIdentity("/b", 1000, 1);
        var other = store.Acquire(b);

        store.Store(other, b, 0, Bytes(10, seed: 11));

        Assert.False(other.TryRead(b, 0, new byte[10]));
        Assert.Equal(1000, store.TotalBytes);
    }

    [Fact(Timeout = 10_000)]
    public void A_file_not_opened_for_longer_than_the_maximum_age_is_removed()
    {
        var options = new ReadCacheOptions { MaxAge = TimeSpan.FromHours(1) };
        using var store = Open(options);
        var file = store.Acquire(A);
        store.Store(file, A, 0, Bytes(1000, seed: 12));
        store.Release(file);

        _time.Advance(TimeSpan.FromMinutes(61));
        var b = new CacheIdentity("/b", 10, 1);
        store.Acquire(b);

        Assert.Equal(1, store.FileCount);
        Assert.Equal(0, store.TotalBytes);
        Assert.False(File.Exists(Path.Combine(store.FolderPath, KeyOf(A) + ".data")));
    }

    [Fact(Timeout = 10_000)]
    public void Files_are_named_by_a_hash_never_by_the_server_name()
    {
        using var store = Open();
        var hostile = new CacheIdentity("/../../etc/passwd", 10, 1);
        var file = store.Acquire(hostile);
        store.Store(file, hostile, 0, Bytes(10, seed: 13));
        store.Release(file);

        Assert.All(Directory.GetFiles(store.FolderPath), path => Assert.Equal(store.FolderPath, Path.GetDirectoryName(path)));
        Assert.Matches("^[0-9a-f]{32}$", KeyOf(hostile));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_second_store_of_the_same_source_is_refused_while_the_first_is_open()
    {
        using var first = Open();

        Assert.Null(await ReadCacheStore.TryOpenAsync(Options(), Source, NullLogger.Instance, _time, TestContext.Current.CancellationToken));
    }

    private ReadCacheStore Open(ReadCacheOptions? options = null) => Open(_directory, options);

    private ReadCacheStore Open(string directory, ReadCacheOptions? options = null) =>
        ReadCacheStore.TryOpenAsync((options ?? new ReadCacheOptions()) with { Enabled = true, Directory = directory }, Source, NullLogger.Instance, _time)
            .GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("The cache did not open.");

    private ReadCacheOptions Options() => new() { Enabled = true, Directory = _directory };

    private static string KeyOf(CacheIdentity identity) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Source}\n{identity.ServerPath}")))[..32];

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The files of <paramref name="folder"/> as they are now, in a new cache folder: what a crash would leave.</summary>
    private string CopyFolder(string folder)
    {
        var root = Directory.CreateTempSubdirectory("ftpmount-readcache-crash-").FullName;
        var target = Path.Combine(root, Path.GetFileName(folder));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(folder).Where(f => Path.GetFileName(f) != "lock"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        _crashCopies.Add(root);
        return root;
    }

    private readonly List<string> _crashCopies = [];

    public void Dispose()
    {
        foreach (var directory in _crashCopies.Append(_directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
