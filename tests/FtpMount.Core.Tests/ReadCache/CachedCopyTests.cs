using FtpMount.Core.ReadCache;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Win32.SafeHandles;

namespace FtpMount.Core.Tests.ReadCache;

/// <summary>
/// A file's whole cached content handed out for the kernel to read directly (FUSE passthrough): only when every byte
/// of the version is cached, never evicted while held, and its bytes never change under the holder, whether the
/// version is dropped (the file changed through the mount), replaced (another version listed) or the cache needs room.
/// </summary>
public sealed class CachedCopyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ftpmount-cachedcopy-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly CacheIdentity A = new("/a.bin", 1000, 1);

    [Fact(Timeout = 10_000)]
    public void Only_a_file_cached_whole_is_handed_out()
    {
        using var store = Open();
        var file = store.Acquire(A);
        store.Store(file, A, 0, Bytes(999, seed: 1));
        Assert.Null(store.TryOpenWhole(A));

        store.Store(file, A, 999, Bytes(1, seed: 2));
        using var copy = store.TryOpenWhole(A);
        Assert.NotNull(copy);
        Assert.Equal(1000, RandomAccess.GetLength(copy.Data));
        Assert.Null(store.TryOpenWhole(A with { Size = 1001 }));
    }

    [Fact(Timeout = 10_000)]
    public void A_held_copy_keeps_its_bytes_when_the_version_is_dropped_and_a_new_one_is_cached()
    {
        using var store = Open();
        var content = Bytes(1000, seed: 3);
        Fill(store, A, content);
        using var copy = store.TryOpenWhole(A)!;

        store.Invalidate(A.ServerPath);
        var newer = A with { Size = 1000, ModifiedTicks = 2 };
        Fill(store, newer, Bytes(1000, seed: 4));

        Assert.Equal(content, ReadAll(copy.Data, 1000));
        using var current = store.TryOpenWhole(newer)!;
        Assert.False(current.SameContentAs(copy));
        Assert.Equal(Bytes(1000, seed: 4), ReadAll(current.Data, 1000));
    }

    [Fact(Timeout = 10_000)]
    public void A_held_copy_is_not_evicted_for_room()
    {
        using var store = Open(new ReadCacheOptions { MaxBytes = 1500 });
        Fill(store, A, Bytes(1000, seed: 5));
        using var copy = store.TryOpenWhole(A)!;

        var b = new CacheIdentity("/b", 1000, 1);
        _time.Advance(TimeSpan.FromSeconds(1));
        var other = store.Acquire(b);
        store.Store(other, b, 0, Bytes(1000, seed: 6));

        Assert.True(File.Exists(Path.Combine(store.FolderPath, store.KeyOf(A.ServerPath) + ".data")));
        using var again = store.TryOpenWhole(A);
        Assert.True(again is not null && again.SameContentAs(copy));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void Fill(ReadCacheStore store, CacheIdentity identity, byte[] content)
    {
        var file = store.Acquire(identity);
        store.Store(file, identity, 0, content);
        store.Release(file);
    }

    private static byte[] ReadAll(SafeFileHandle handle, int length)
    {
        var buffer = new byte[length];
        Assert.Equal(length, RandomAccess.Read(handle, buffer, 0));
        return buffer;
    }

    private ReadCacheStore Open(ReadCacheOptions? options = null) =>
        ReadCacheStore.TryOpenAsync((options ?? new ReadCacheOptions()) with { Enabled = true, Directory = _directory }, "user@host:21/", NullLogger.Instance, _time)
            .GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("The cache did not open.");

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
