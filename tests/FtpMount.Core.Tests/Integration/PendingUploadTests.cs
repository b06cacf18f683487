using System.Text;
using FtpMount.Core.Errors;
using FtpMount.Testing;
using static FtpMount.Core.Tests.Integration.CoreOverServer;

namespace FtpMount.Core.Tests.Integration;

/// <summary>
/// Saves the server refused (it was down) are journaled; a later save, delete or change on the server decides
/// what happens to them, and they are retried while the mount runs (issue 11, points 5, 6 and 13).
/// </summary>
[Trait("Category", "Integration")]
public class PendingUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_later_successful_save_supersedes_the_journaled_one_and_the_next_run_does_not_replay_it(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("doc.txt", "v0"u8);
        await SaveWhileTheServerIsDownAsync(setup, "/doc.txt", "v1, refused while the server was down");
        await setup.Server.RestartAsync(Ct);

        await SaveAsync(setup.Core!, "/doc.txt", "v2, saved after the server came back");

        await setup.OpenCoreAsync();
        Assert.Equal("v2, saved after the server came back", await ServerTextAsync(setup, "doc.txt"));
        Assert.Empty(Directory.GetFiles(setup.SpoolDirectory, "*.pending", SearchOption.AllDirectories));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_delete_through_the_mount_supersedes_the_journaled_save_and_the_file_stays_deleted(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("gone.txt", "v0"u8);
        await SaveWhileTheServerIsDownAsync(setup, "/gone.txt", "v1, refused while the server was down");
        await setup.Server.RestartAsync(Ct);

        await setup.Core!.DeleteFileAsync(P("/gone.txt"), Ct);

        await setup.OpenCoreAsync();
        Assert.False(File.Exists(Path.Combine(setup.Server.RootDirectory, "gone.txt")), "the deleted file came back");
        Assert.Empty(Directory.GetFiles(setup.SpoolDirectory, "*.pending", SearchOption.AllDirectories));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_pending_save_never_overwrites_a_server_file_that_changed_meanwhile_and_is_kept_beside_it(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("report.txt", "v0"u8);
        await SaveWhileTheServerIsDownAsync(setup, "/report.txt", "ours, refused while the server was down");

        // Someone else changes the file on the server before our save could be sent again.
        setup.Server.CreateFile("report.txt", "theirs, written by another client"u8);
        await setup.Server.RestartAsync(Ct);
        await setup.OpenCoreAsync();

        Assert.Equal("theirs, written by another client", await ServerTextAsync(setup, "report.txt"));
        var conflict = await Poll.ForAsync(
            () => Directory.GetFiles(setup.Server.RootDirectory, "report.ftpmount-conflict-*.txt").SingleOrDefault(),
            BackgroundWorkDeadline,
            "no conflict copy beside report.txt");
        Assert.Equal("ours, refused while the server was down", await File.ReadAllTextAsync(conflict, Ct));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_save_refused_while_the_mount_runs_is_retried_in_the_background_and_counted_until_it_is_sent(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        await SaveWhileTheServerIsDownAsync(setup, "/later.txt", "sent without a remount");
        var core = setup.Core!;
        Assert.Equal(1, core.PendingUploads);
        Assert.Equal(1, core.GetStatus().UploadsPending);

        await setup.Server.RestartAsync(Ct);
        var path = Path.Combine(setup.Server.RootDirectory, "later.txt");
        await Poll.ForAsync(() => File.Exists(path) ? path : null, BackgroundWorkDeadline, "the refused save was not retried while the mount ran");
        Assert.Equal("sent without a remount", await File.ReadAllTextAsync(path, Ct));
        await Poll.ForAsync(() => core.PendingUploads == 0 ? "done" : null, BackgroundWorkDeadline, "status still counts the upload");
        Assert.Empty(Directory.GetFiles(setup.SpoolDirectory, "*.pending", SearchOption.AllDirectories));
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_mounts_of_different_folders_sharing_a_spool_folder_never_replay_each_others_saves()
    {
        await using var setup = await StartAsync(FtpServerKind.Pyftpdlib);
        setup.Server.CreateDirectory("a");
        setup.Server.CreateDirectory("b");
        using var shared = new TemporaryFolder();
        var a = await setup.OpenOtherCoreAsync("a", shared.Path);
        await using (a)
        {
            var file = await a.CreateAsync(P("/one.txt"), 420, Ct);
            await a.WriteAsync(file, "saved through A"u8.ToArray(), 0, Ct);
            await setup.Server.KillAsync(Ct);
            await Assert.ThrowsAsync<RemoteFsException>(() => a.FlushAsync(file, Ct));
            await a.ReleaseAsync(file, Ct);
            await setup.Server.RestartAsync(Ct);

            // B mounts folder b with the same spool_dir= while A still runs.
            await using (await setup.OpenOtherCoreAsync("b", shared.Path))
            {
                Assert.False(File.Exists(Path.Combine(setup.Server.RootDirectory, "b", "one.txt")), "B uploaded A's save into its own folder");
            }

            var inA = Path.Combine(setup.Server.RootDirectory, "a", "one.txt");
            await Poll.ForAsync(() => File.Exists(inA) ? inA : null, BackgroundWorkDeadline, "A's save never reached folder a");
            Assert.Equal("saved through A", await File.ReadAllTextAsync(inA, Ct));
        }

        Assert.False(File.Exists(Path.Combine(setup.Server.RootDirectory, "b", "one.txt")));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_file_still_open_on_one_mount_survives_another_mount_starting_on_the_same_spool_folder()
    {
        await using var setup = await StartAsync(FtpServerKind.Pyftpdlib);
        setup.Server.CreateDirectory("a");
        setup.Server.CreateDirectory("b");
        using var shared = new TemporaryFolder();
        var a = await setup.OpenOtherCoreAsync("a", shared.Path);
        await using (a)
        {
            var file = await a.CreateAsync(P("/open.txt"), 420, Ct);
            await a.WriteAsync(file, "still open on A"u8.ToArray(), 0, Ct);

            await using (await setup.OpenOtherCoreAsync("b", shared.Path))
            {
                await a.ReleaseAsync(file, Ct);
            }
        }

        Assert.Equal("still open on A", await ServerTextAsync(setup, "a/open.txt"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_second_mount_of_the_same_folder_on_a_spool_folder_in_use_is_refused_with_a_clear_message()
    {
        await using var setup = await StartAsync(FtpServerKind.Pyftpdlib);
        using var shared = new TemporaryFolder();
        await using var first = await setup.OpenOtherCoreAsync(null, shared.Path);
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await setup.OpenOtherCoreAsync(null, shared.Path)).DisposeAsync());
        Assert.Contains("in use by another running ftpmount", refused.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_spool_folder_is_created_private_and_every_file_in_it_is_readable_by_the_user_only()
    {
        await using var setup = await StartAsync(FtpServerKind.Pyftpdlib);
        using var parent = new TemporaryFolder();
        var spool = Path.Combine(parent.Path, "not", "there", "yet");
        var core = await setup.OpenOtherCoreAsync(null, spool);
        await using (core)
        {
            var file = await core.CreateAsync(P("/private.txt"), 420, Ct);
            await core.WriteAsync(file, "nobody else may read this"u8.ToArray(), 0, Ct);
            await setup.Server.KillAsync(Ct);
            await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(file, Ct));
            await core.ReleaseAsync(file, Ct);

            const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(Folder, File.GetUnixFileMode(spool));
            foreach (var folder in Directory.GetDirectories(spool, "*", SearchOption.AllDirectories))
            {
                Assert.Equal(Folder, File.GetUnixFileMode(folder));
            }

            var files = Directory.GetFiles(spool, "*", SearchOption.AllDirectories);
            Assert.Contains(files, f => f.EndsWith(".pending", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith(".spool", StringComparison.Ordinal));
            foreach (var path in files)
            {
                Assert.True(File.GetUnixFileMode(path) == Private, $"{path} is {File.GetUnixFileMode(path)}");
            }

            await setup.Server.RestartAsync(Ct);
        }
    }

    /// <summary>Opens, writes and closes <paramref name="path"/> while the server is down: the save fails and is journaled.</summary>
    private static async Task SaveWhileTheServerIsDownAsync(CoreOverServer setup, string path, string text)
    {
        var core = setup.Core!;
        var file = await OpenForWritingAsync(core, path);
        await core.WriteAsync(file, Encoding.UTF8.GetBytes(text), 0, Ct);
        await setup.Server.KillAsync(Ct);
        await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(file, Ct));
        await core.ReleaseAsync(file, Ct);
        Assert.NotEmpty(Directory.GetFiles(setup.SpoolDirectory, "*.pending", SearchOption.AllDirectories));
    }

    private static async Task SaveAsync(RemoteFileSystem core, string path, string text)
    {
        var file = await OpenForWritingAsync(core, path);
        await core.WriteAsync(file, Encoding.UTF8.GetBytes(text), 0, Ct);
        await core.FlushAsync(file, Ct);
        await core.ReleaseAsync(file, Ct);
    }

    /// <summary>open(O_WRONLY|O_CREAT|O_TRUNC), as an editor saving a file does.</summary>
    private static async Task<OpenFile> OpenForWritingAsync(RemoteFileSystem core, string path)
    {
        try
        {
            return await core.OpenAsync(P(path), read: false, write: true, truncate: true, Ct);
        }
        catch (RemoteFsException e) when (e.Error == FsError.NotFound)
        {
            return await core.CreateAsync(P(path), 420, Ct);
        }
    }

    private static Task<string> ServerTextAsync(CoreOverServer setup, string relative) =>
        File.ReadAllTextAsync(Path.Combine(setup.Server.RootDirectory, relative), Ct);

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ftpmount-spool-test-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
