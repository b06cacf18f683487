using FtpMount.Testing.InMemory;
using static FtpMount.Testing.InMemory.CoreOverStore;

namespace FtpMount.Core.Tests.Storage;

/// <summary>
/// rename(2) of a file over one whose closed content still waits for its write-back upload (an editor's "write a
/// temporary file, rename it over the original" right after an earlier save of the original). The queued upload of
/// the replaced file must end before the rename or not run at all: ConcurrentIntegrityStressTests found it landing
/// after the server's rename and before the node was detached, putting the old content back over the new file.
/// </summary>
public sealed class RenameOverQueuedUploadTests
{
    private static RemoteFileSystemOptions WriteBackNow => new() { WriteBack = new WriteBackOptions { Enabled = true, Delay = TimeSpan.Zero } };

    [Fact(Timeout = 60_000)]
    public async Task A_queued_upload_of_the_replaced_file_never_lands_over_the_file_renamed_onto_it()
    {
        await using var setup = new CoreOverStore();
        var replacement = Pattern(3000);
        setup.Store.AddFile("/old.bin", Pattern(1000));
        setup.Store.AddFile("/new.bin", replacement);
        var core = await setup.OpenAsync(WriteBackNow);
        var upload = setup.Store.Faults.Hold(StoreVerb.Store, p => p.Contains(".ftpmount-", StringComparison.Ordinal));
        var rename = setup.Store.Faults.Hold(StoreVerb.Rename, "/new.bin");

        // old.bin is changed and closed: its upload starts at once, holding the node, and waits before its STOR.
        var file = await core.OpenAsync(P("/old.bin"), read: true, write: true, truncate: false, Ct);
        await core.WriteAsync(file, "stale"u8.ToArray(), 0, Ct);
        await core.FlushAsync(file, Ct);
        await core.ReleaseAsync(file, Ct);
        await upload.Reached.WaitAsync(Ct);

        var renaming = Task.Run(() => core.RenameAsync(P("/new.bin"), P("/old.bin"), noReplace: false, Ct), Ct);

        // Unfixed, the rename reaches the server while the upload is held: let it take effect there, then the upload.
        // Fixed, it waits for the replaced file's upload and never arrives here first (the wait only bounds the test).
        if (await Task.WhenAny(rename.Reached, renaming, Task.Delay(TimeSpan.FromSeconds(3), Ct)) == rename.Reached)
        {
            rename.Open();
            await UntilAsync(() => !setup.Store.Exists("/new.bin"), "the rename to take effect");
        }

        upload.Open();
        rename.Open();
        await renaming;
        await UntilAsync(() => core.PendingUploads == 0, "the queued upload to end");

        Assert.False(setup.Store.Exists("/new.bin"));
        var onServer = setup.Store.ReadFile("/old.bin");
        Assert.True(
            replacement.AsSpan().SequenceEqual(onServer),
            $"old.bin on the server has {onServer?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} bytes, not the {replacement.Length} renamed onto it");
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 30_000, $"gave up waiting for {what}");
            await Task.Delay(10, Ct);
        }
    }
}
