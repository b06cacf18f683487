using FtpMount.Core.ReadCache;
using FtpMount.Testing.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FtpMount.Core.Tests.ReadCache;

/// <summary>
/// A dropped version's data file is unlinked so a held copy (FUSE passthrough) keeps its bytes. When the unlink
/// fails, the file must not be cut or reused for the next version either. An immutable cache folder (chattr +i,
/// root on ext4) refuses unlinks while its files stay writable: the case to prove.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UndeletableCacheFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ftpmount-undeletable-").FullName;

    private static readonly CacheIdentity A = new("/a.bin", 1000, 1);

    [Fact(Timeout = 30_000)]
    public async Task A_version_whose_data_file_cannot_be_unlinked_keeps_a_held_copy_whole_and_caches_nothing_more()
    {
        using var store = (await ReadCacheStore.TryOpenAsync(
            new ReadCacheOptions { Enabled = true, Directory = _directory }, "user@host:21/", NullLogger.Instance, new FakeTimeProvider(), TestContext.Current.CancellationToken))!;
        var content = Bytes(1000, seed: 1);
        var file = store.Acquire(A);
        store.Store(file, A, 0, content);
        using var copy = store.TryOpenWhole(A)!;

        var folder = Path.GetDirectoryName(Path.Combine(store.FolderPath, store.KeyOf(A.ServerPath) + ".data"))!;
        await ChattrAsync("+i", folder);
        try
        {
            store.Invalidate(A.ServerPath);
            var newer = A with { ModifiedTicks = 2 };
            var next = store.Acquire(newer);
            store.Store(next, newer, 0, Bytes(1000, seed: 2));

            var held = new byte[1000];
            Assert.Equal(1000, RandomAccess.Read(copy.Data, held, 0));
            Assert.Equal(content, held);
            Assert.Null(store.TryOpenWhole(newer));
            Assert.False(next.TryRead(newer, 0, new byte[10]));
            store.Release(next);
        }
        finally
        {
            await ChattrAsync("-i", folder);
            store.Release(file);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task ChattrAsync(string flag, string path)
    {
        var result = await DeadlineProcess.RunAsync("chattr", [flag, path], TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"chattr {flag} {path} failed (needs root, chattr from e2fsprogs and a filesystem with attributes): {result.Error}");
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
