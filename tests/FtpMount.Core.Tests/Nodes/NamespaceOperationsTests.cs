using FtpMount.Core.Errors;
using FtpMount.Testing.InMemory;
using static FtpMount.Testing.InMemory.CoreOverStore;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// mkdir, rmdir, unlink and rename through the core's NamespaceOperations over the in-memory store: what reaches the
/// server, in which order, and that a refusal changes nothing there.
/// </summary>
public sealed class NamespaceOperationsTests
{
    [Fact(Timeout = 30_000)]
    public async Task Rename_over_a_file_refused_by_the_server_deletes_nothing_and_moves_nothing()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddFile("/new.txt", "new content");
        setup.Store.AddFile("/old.txt", "old content");
        setup.Store.Faults.Refuse(StoreVerb.Rename, "/new.txt", 550, text: "Permission denied.");
        var core = await setup.OpenAsync();

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => core.RenameAsync(P("/new.txt"), P("/old.txt"), noReplace: false, Ct));

        Assert.Equal(FsError.AccessDenied, error.Error);
        Assert.Equal("new content", setup.Store.ReadText("/new.txt"));
        Assert.Equal("old content", setup.Store.ReadText("/old.txt"));
        Assert.DoesNotContain(setup.Store.Commands, c => c.Verb is StoreVerb.Delete or StoreVerb.RemoveDirectory);
        Assert.Equal(["/", "/new.txt", "/old.txt"], setup.Store.Paths);
    }

    [Fact(Timeout = 30_000)]
    public async Task Rename_over_a_file_on_a_server_that_will_not_replace_moves_the_old_one_aside_and_deletes_it_last()
    {
        await using var setup = new CoreOverStore(new InMemoryStoreOptions { RenameReplacesFiles = false });
        setup.Store.AddFile("/new.txt", "new content");
        setup.Store.AddFile("/old.txt", "old content");
        var core = await setup.OpenAsync();
        setup.Store.ClearCommands();

        await core.RenameAsync(P("/new.txt"), P("/old.txt"), noReplace: false, Ct);

        Assert.Equal("new content", setup.Store.ReadText("/old.txt"));
        Assert.False(setup.Store.Exists("/new.txt"));
        Assert.Equal(["/", "/old.txt"], setup.Store.Paths);
        var changes = setup.Store.Commands.Where(c => c.Verb is StoreVerb.Rename or StoreVerb.Delete).ToList();
        Assert.Equal(4, changes.Count);
        Assert.True(changes[0] is { Verb: StoreVerb.Rename, Path: "/new.txt", Target: "/old.txt", Refused: true }, changes[0].ToString());
        Assert.True(changes[1] is { Verb: StoreVerb.Rename, Path: "/old.txt", Refused: false }, changes[1].ToString());
        var aside = changes[1].Target!;
        Assert.True(changes[2] is { Verb: StoreVerb.Rename, Path: "/new.txt", Target: "/old.txt", Refused: false }, changes[2].ToString());
        Assert.True(changes[3].Verb == StoreVerb.Delete && changes[3].Path == aside && !changes[3].Refused, changes[3].ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Rename_over_a_file_whose_rename_in_is_refused_puts_the_old_file_back()
    {
        await using var setup = new CoreOverStore(new InMemoryStoreOptions { RenameReplacesFiles = false });
        setup.Store.AddFile("/new.txt", "new content");
        setup.Store.AddFile("/old.txt", "old content");
        // The first rename onto the name (refused as the name exists) and the rename in after the old file moved aside.
        setup.Store.Faults.RefuseRenameOnto("/old.txt", 550, times: 2, text: "Permission denied.");
        var core = await setup.OpenAsync();

        await Assert.ThrowsAsync<RemoteFsException>(() => core.RenameAsync(P("/new.txt"), P("/old.txt"), noReplace: false, Ct));

        Assert.Equal("old content", setup.Store.ReadText("/old.txt"));
        Assert.Equal("new content", setup.Store.ReadText("/new.txt"));
        Assert.Equal(["/", "/new.txt", "/old.txt"], setup.Store.Paths);
        Assert.DoesNotContain(setup.Store.Commands, c => c.Verb is StoreVerb.Delete or StoreVerb.RemoveDirectory);
    }

    [Fact(Timeout = 30_000)]
    public async Task Mkdir_creates_the_folder_with_the_mode_asked_and_a_second_mkdir_is_already_exists()
    {
        await using var setup = new CoreOverStore();
        var core = await setup.OpenAsync();

        await core.CreateDirectoryAsync(P("/made"), 0x1E8, Ct);

        Assert.True(setup.Store.IsDirectory("/made"));
        Assert.Equal(0x1E8, setup.Store.ModeOf("/made"));
        Assert.Contains(await core.ListAsync(P("/"), Ct), e => e.Name == "made" && e.IsDirectory);
        var again = await Assert.ThrowsAsync<RemoteFsException>(() => core.CreateDirectoryAsync(P("/made"), null, Ct));
        Assert.Equal(FsError.AlreadyExists, again.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task Rmdir_of_a_folder_with_a_file_is_not_empty_and_keeps_both()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddFile("/full/kept.txt", "kept");
        var core = await setup.OpenAsync();

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => core.RemoveDirectoryAsync(P("/full"), Ct));

        Assert.Equal(FsError.NotEmpty, error.Error);
        Assert.Equal("kept", setup.Store.ReadText("/full/kept.txt"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Rmdir_removes_an_empty_folder_and_it_is_gone_from_the_listing()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddDirectory("/empty");
        var core = await setup.OpenAsync();
        Assert.Contains(await core.ListAsync(P("/"), Ct), e => e.Name == "empty");

        await core.RemoveDirectoryAsync(P("/empty"), Ct);

        Assert.False(setup.Store.Exists("/empty"));
        Assert.DoesNotContain(await core.ListAsync(P("/"), Ct), e => e.Name == "empty");
    }

    [Fact(Timeout = 30_000)]
    public async Task Unlink_deletes_the_file_and_unlink_of_a_missing_name_is_not_found()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddFile("/gone.txt", "x");
        var core = await setup.OpenAsync();

        await core.DeleteFileAsync(P("/gone.txt"), Ct);

        Assert.False(setup.Store.Exists("/gone.txt"));
        var missing = await Assert.ThrowsAsync<RemoteFsException>(() => core.DeleteFileAsync(P("/never.txt"), Ct));
        Assert.Equal(FsError.NotFound, missing.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task Unlink_refused_by_the_server_reports_it_and_keeps_the_file()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddFile("/kept.txt", "kept");
        setup.Store.Faults.Refuse(StoreVerb.Delete, "/kept.txt", 550, text: "Permission denied.");
        var core = await setup.OpenAsync();

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => core.DeleteFileAsync(P("/kept.txt"), Ct));

        Assert.Equal(FsError.AccessDenied, error.Error);
        Assert.Equal("kept", setup.Store.ReadText("/kept.txt"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_fresh_listing_shows_what_another_client_added_while_the_cached_one_does_not()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddDirectory("/folder");
        var core = await setup.OpenAsync();
        Assert.Empty(await core.ListAsync(P("/folder"), Ct));

        setup.Store.AddFile("/folder/late.txt", "late");

        Assert.Empty(await core.ListAsync(P("/folder"), Ct));
        Assert.Contains(await core.ListFreshAsync(P("/folder"), Ct), e => e.Name == "late.txt");
    }
}
