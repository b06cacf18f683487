using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;
using FtpMount.Testing.InMemory;

namespace FtpMount.Core.Tests.Storage;

/// <summary>The in-memory store keeps the promises unit tests of the core rest on: typed refusals, gates, counted ends, a true log.</summary>
public sealed class InMemoryRemoteStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 10_000)]
    public async Task Refusals_are_typed_as_the_ftp_client_raises_them()
    {
        await using var store = new InMemoryRemoteStore();
        store.AddFile("/a.txt", "a");
        store.AddFile("/b.txt", "b");
        store.Faults.Refuse(StoreVerb.Rename, "/a.txt", 550, times: 1);
        store.Faults.RefuseRenameOnto("/b.txt", 553, times: 1);
        store.Faults.Refuse(StoreVerb.Store, "/c.txt", 451, times: 1);

        await Assert.ThrowsAsync<FtpRenameSourceRefusedException>(() => store.RenameAsync("/a.txt", "/x.txt", Ct));
        var onto = await Assert.ThrowsAsync<FtpPermanentException>(() => store.RenameAsync("/a.txt", "/b.txt", Ct));
        Assert.IsNotType<FtpRenameSourceRefusedException>(onto);
        Assert.Equal(553, onto.Reply?.Code);
        await Assert.ThrowsAsync<FtpTransientException>(() => store.OpenWriteAsync("/c.txt", Ct));

        Assert.Equal("a", store.ReadText("/a.txt"));
        Assert.Equal("b", store.ReadText("/b.txt"));
        Assert.All(store.Commands, c => Assert.True(c.Refused, c.ToString()));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_held_operation_waits_at_its_gate_until_the_test_opens_it()
    {
        await using var store = new InMemoryRemoteStore();
        store.AddFile("/held.txt", "x");
        var gate = store.Faults.Hold(StoreVerb.Delete, "/held.txt");

        var deleting = store.DeleteFileAsync("/held.txt", Ct);
        await gate.Reached.WaitAsync(Ct);

        Assert.False(deleting.IsCompleted);
        Assert.True(store.Exists("/held.txt"));
        gate.Open();
        await deleting.WaitAsync(Ct);
        Assert.False(store.Exists("/held.txt"));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_short_read_ends_with_no_error_of_its_own_and_the_expected_length_catches_it()
    {
        await using var store = new InMemoryRemoteStore();
        store.AddFile("/short.bin", new byte[100]);
        store.Faults.ShortRead("/short.bin", endsAt: 60);

        Assert.Equal(50, await ReadToEndAsync(await store.OpenReadAsync("/short.bin", 10, Ct), null));
        var error = await Assert.ThrowsAsync<FtpTransferLengthException>(
            async () => await ReadToEndAsync(await store.OpenReadAsync("/short.bin", 10, Ct), 90));
        Assert.Equal((90, 50), (error.Expected, error.Received));
        Assert.Equal(0, store.Connections.OpenTransfers);
    }

    [Fact(Timeout = 10_000)]
    public async Task The_log_marks_a_store_or_rename_onto_an_existing_name_as_destructive()
    {
        await using var store = new InMemoryRemoteStore();
        store.AddFile("/old.txt", "old");
        await using (var upload = await store.OpenWriteAsync("/new.txt", Ct))
        {
            await upload.WriteAsync("new"u8.ToArray(), Ct);
            await upload.CompleteAsync(3, Ct);
        }

        await store.RenameAsync("/new.txt", "/old.txt", Ct);

        Assert.Equal("new", store.ReadText("/old.txt"));
        var destructive = Assert.Single(store.DestructiveCommands);
        Assert.Equal((StoreVerb.Rename, "/new.txt", "/old.txt"), (destructive.Verb, destructive.Path, destructive.Target));
    }

    private static async Task<long> ReadToEndAsync(IRemoteDownload download, long? expected)
    {
        await using (download)
        {
            download.ExpectedLength = expected;
            var buffer = new byte[16];
            long total = 0;
            int read;
            while ((read = await download.ReadAsync(buffer, Ct)) > 0)
            {
                total += read;
            }

            return total;
        }
    }
}
