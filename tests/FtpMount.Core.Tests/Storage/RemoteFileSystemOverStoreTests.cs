using System.Text;
using FtpMount.Core.Errors;
using FtpMount.Testing.InMemory;
using static FtpMount.Testing.InMemory.CoreOverStore;

namespace FtpMount.Core.Tests.Storage;

/// <summary>The whole core over the in-memory store, as an adapter drives it: create, write, close, open, read.</summary>
public sealed class RemoteFileSystemOverStoreTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_file_written_and_closed_is_on_the_server_and_reads_back_whole()
    {
        await using var setup = new CoreOverStore();
        var core = await setup.OpenAsync();
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("line of text\n", 1000)));

        await setup.SaveAsync("/written.txt", content);

        Assert.Equal(content, setup.Store.ReadFile("/written.txt"));
        Assert.Equal(0x1A4, setup.Store.ModeOf("/written.txt"));
        Assert.Equal(["/", "/written.txt"], setup.Store.Paths);
        Assert.Equal(content.Length, (await core.GetEntryAsync(P("/written.txt"), Ct)).Size);
        Assert.Equal(content, await setup.ReadAllAsync("/written.txt"));
        Assert.Equal(0, core.PendingUploads);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_save_the_server_refuses_is_reported_by_close_and_kept_for_a_retry()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddFile("/kept.txt", "old content");
        setup.Store.Faults.Refuse(StoreVerb.Store, _ => true, 451, text: "Local error in processing.");
        var core = await setup.OpenAsync();
        var file = await core.OpenAsync(P("/kept.txt"), read: true, write: true, truncate: true, Ct);
        await core.WriteAsync(file, "new content"u8.ToArray(), 0, Ct);

        await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(file, Ct));
        await core.ReleaseAsync(file, Ct);

        Assert.Equal("old content", setup.Store.ReadText("/kept.txt"));
        Assert.Equal(1, core.PendingUploads);
        Assert.DoesNotContain(setup.Store.DestructiveCommands, c => c.Path == "/kept.txt" || c.Target == "/kept.txt");
    }

    [Fact(Timeout = 30_000)]
    public async Task After_close_reported_a_save_refused_for_good_a_new_open_gets_the_server_file_while_the_release_is_pending()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddFile("/locked.txt", "original");
        setup.Store.Faults.Refuse(StoreVerb.Store, _ => true, 550, text: "Permission denied.");
        var core = await setup.OpenAsync();
        var writer = await core.OpenAsync(P("/locked.txt"), read: true, write: true, truncate: true, Ct);
        await core.WriteAsync(writer, "refused content"u8.ToArray(), 0, Ct);
        var refusal = await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(writer, Ct));
        Assert.Equal(FsError.AccessDenied, refusal.Error);

        // The kernel sends the writer's release after its close returned; the next program's open may come first.
        var reader = await core.OpenAsync(P("/locked.txt"), read: true, write: false, truncate: false, Ct);
        var buffer = new byte[64];
        var read = await core.ReadAsync(reader, buffer, 0, Ct);
        Assert.Equal("original", Encoding.UTF8.GetString(buffer, 0, read));
        await core.FlushAsync(reader, Ct);
        Assert.Equal("original".Length, (await core.GetEntryAsync(P("/locked.txt"), Ct)).Size);

        await core.ReleaseAsync(writer, Ct);
        await core.ReleaseAsync(reader, Ct);
        Assert.Equal("original", setup.Store.ReadText("/locked.txt"));
        Assert.Contains("/locked.txt", core.GetStatus().Refused.Keys);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_download_that_ends_early_with_226_is_an_error_not_a_shorter_file()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddFile("/whole.bin", new byte[10_000]);
        setup.Store.Faults.ShortRead("/whole.bin", endsAt: 4_000);
        var core = await setup.OpenAsync();

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => setup.ReadAllAsync("/whole.bin"));

        Assert.Equal(FsError.IoError, error.Error);
        Assert.Contains(setup.Store.Commands, c => c.Verb == StoreVerb.Retrieve && c.Path == "/whole.bin");
    }
}
