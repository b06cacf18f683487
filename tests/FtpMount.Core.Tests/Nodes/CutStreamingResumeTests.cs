using FtpMount.Testing.InMemory;
using static FtpMount.Testing.InMemory.CoreOverStore;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// A streaming STOR whose connection breaks mid-way leaves its temporary file on the server, and the save at close
/// goes on from what the server kept of it (SIZE, then REST + STOR) instead of sending the whole file again; but only
/// while every byte handed to that STOR is still the file's: a rewrite or truncate below them starts again from zero
/// under a new name, and a server holding more than the file starts again from zero. A kept temporary the save does
/// not use is removed.
/// </summary>
public sealed class CutStreamingResumeTests : IAsyncDisposable
{
    private const int Chunk = 64 * 1024;
    private const int FileLength = 8 * Chunk;

    /// <summary>Within the second write: the server keeps 100,000 bytes; 131,072 were handed to the STOR.</summary>
    private const int KeptAtCut = 100_000;

    private readonly CoreOverStore _setup = new();
    private readonly byte[] _content = Pattern(FileLength);

    private InMemoryRemoteStore Store => _setup.Store;

    [Fact(Timeout = 30_000)]
    public async Task A_streaming_STOR_cut_mid_way_is_resumed_at_close_from_the_size_the_server_kept()
    {
        var (file, streamed) = await WriteCutAtAsync(FileLength);

        await _setup.Core.ReleaseAsync(file, Ct);

        Assert.Equal(_content, Store.ReadFile("/big.bin"));
        var resumed = Stores()[1];
        Assert.Equal((streamed.Path, (long)KeptAtCut), (resumed.Path, resumed.Offset));
        Assert.Contains(Store.Commands, c => c.Verb == StoreVerb.Size && c.Path == streamed.Path);
        Assert.Equal(FileLength, Store.BytesStored);
        AssertNothingLeftBehind();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_rewrite_of_streamed_bytes_the_server_never_got_still_makes_the_close_start_from_zero()
    {
        var (file, streamed) = await WriteCutAtAsync(FileLength);

        // Above what the server kept but below what the STOR was handed (131,072): a late write of the broken
        // session could still bring the old byte there.
        Rewrite(KeptAtCut + 10);
        await _setup.Core.WriteAsync(file, _content.AsMemory(KeptAtCut + 10, 1), KeptAtCut + 10, Ct);
        await _setup.Core.ReleaseAsync(file, Ct);

        AssertSentWholeToANewName(streamed);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_rewrite_below_the_kept_size_makes_the_close_send_the_whole_file_again()
    {
        var (file, streamed) = await WriteCutAtAsync(FileLength);

        // A header patched after the body: the server's first bytes are no longer the file's.
        Rewrite(10);
        await _setup.Core.WriteAsync(file, _content.AsMemory(10, 1), 10, Ct);
        await _setup.Core.ReleaseAsync(file, Ct);

        AssertSentWholeToANewName(streamed);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_truncate_below_the_kept_size_makes_the_close_send_the_whole_file_again()
    {
        var (file, streamed) = await WriteCutAtAsync(FileLength);

        // Cut short and grown back with zeros: the same length, but the server's bytes past the cut are no longer the file's.
        await _setup.Core.TruncateAsync(P("/big.bin"), KeptAtCut / 2, file, Ct);
        await _setup.Core.TruncateAsync(P("/big.bin"), FileLength, file, Ct);
        await _setup.Core.ReleaseAsync(file, Ct);

        Array.Clear(_content, KeptAtCut / 2, FileLength - (KeptAtCut / 2));
        AssertSentWholeToANewName(streamed);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(3 * Chunk + 1000)]
    [InlineData(150_000)]
    public async Task A_kept_temporary_larger_than_the_file_or_than_what_was_streamed_makes_the_close_send_the_whole_file_again(int onServer)
    {
        var length = 3 * Chunk;
        var (file, streamed) = await WriteCutAtAsync(length);

        // The server now claims more than the whole file, or than the 131,072 bytes the STOR was handed (someone
        // wrote to our name, or its SIZE lies): those bytes cannot all be the file's.
        Store.AddFile(streamed.Path, new byte[onServer]);
        await _setup.Core.ReleaseAsync(file, Ct);

        Assert.Equal(_content.AsSpan(0, length).ToArray(), Store.ReadFile("/big.bin"));
        Assert.Equal(0, Stores()[1].Offset);
        Assert.Equal(KeptAtCut + length, Store.BytesStored);
        AssertNothingLeftBehind();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_kept_temporary_is_removed_when_the_file_is_deleted_before_close()
    {
        var (file, streamed) = await WriteCutAtAsync(FileLength);

        await _setup.Core.DeleteFileAsync(P("/big.bin"), Ct);
        await _setup.Core.ReleaseAsync(file, Ct);

        Assert.Contains(Store.Commands, c => c.Verb == StoreVerb.Delete && c.Path == streamed.Path);
        Assert.Single(Stores());
        AssertNothingLeftBehind();
        Assert.False(Store.Exists("/big.bin"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_moved_to_another_folder_before_close_is_saved_from_its_kept_temporary_and_nothing_stays_behind()
    {
        Store.AddDirectory("/sub");
        var (file, streamed) = await WriteCutAtAsync(FileLength);

        // The rename saves the open file first (where the kept temporary is), then moves it on the server.
        await _setup.Core.RenameAsync(P("/big.bin"), P("/sub/big.bin"), noReplace: false, Ct);
        await _setup.Core.ReleaseAsync(file, Ct);

        Assert.Equal(_content, Store.ReadFile("/sub/big.bin"));
        Assert.False(Store.Exists("/big.bin"));
        var resumed = Stores()[1];
        Assert.Equal((streamed.Path, (long)KeptAtCut), (resumed.Path, resumed.Offset));
        Assert.Equal(FileLength, Store.BytesStored);
        AssertNothingLeftBehind();
    }

    /// <summary>
    /// Creates /big.bin and writes <paramref name="length"/> bytes in order, the streaming STOR cut after
    /// <see cref="KeptAtCut"/> bytes; the file stays open. Returns the handle and the streaming STOR.
    /// </summary>
    private async Task<(OpenFile File, StoreCommand Streamed)> WriteCutAtAsync(int length)
    {
        Store.Faults.Cut(StoreVerb.Store, p => p.Contains("/.ftpmount-", StringComparison.Ordinal), KeptAtCut);
        var core = await _setup.OpenAsync();
        var file = await core.CreateAsync(P("/big.bin"), 0x1A4, Ct);
        await core.WriteAsync(file, _content.AsMemory(0, Chunk), 0, Ct);
        await core.WriteAsync(file, _content.AsMemory(Chunk, Chunk), Chunk, Ct);
        var streamed = Assert.Single(Stores());
        Assert.Equal(KeptAtCut, Store.ReadFile(streamed.Path)?.Length);

        // The cut was one lost connection; the save at close finds the server working again.
        Store.Faults.Clear();
        for (var offset = 2 * Chunk; offset < length; offset += Chunk)
        {
            await core.WriteAsync(file, _content.AsMemory(offset, Chunk), offset, Ct);
        }

        Assert.Single(Stores());
        return (file, streamed);
    }

    private void Rewrite(int offset) => _content[offset] ^= 0xFF;

    /// <summary>The save sent the whole file from zero to a new temporary name and removed the kept one.</summary>
    private void AssertSentWholeToANewName(StoreCommand streamed)
    {
        Assert.Equal(_content, Store.ReadFile("/big.bin"));
        var again = Stores()[1];
        Assert.NotEqual(streamed.Path, again.Path);
        Assert.Equal(0, again.Offset);
        Assert.Equal(KeptAtCut + FileLength, Store.BytesStored);
        Assert.Contains(Store.Commands, c => c.Verb == StoreVerb.Delete && c.Path == streamed.Path);
        AssertNothingLeftBehind();
    }

    /// <summary>No temporary file on the server and none left in the cleanup ledger.</summary>
    private void AssertNothingLeftBehind()
    {
        Assert.DoesNotContain(Store.Paths, p => p.Contains("/.ftpmount-", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(_setup.SpoolDirectory, "*.upload", SearchOption.AllDirectories));
    }

    private List<StoreCommand> Stores() => [.. Store.Commands.Where(c => c.Verb == StoreVerb.Store)];

    public ValueTask DisposeAsync() => _setup.DisposeAsync();
}
