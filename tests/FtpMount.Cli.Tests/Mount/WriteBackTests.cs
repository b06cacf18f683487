using System.Diagnostics;
using System.Globalization;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Cli.Tests.Reliability;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// <c>-o writeback</c>: close(2) returns once the content is journaled locally and uploads follow in the
/// background. What a program closed must still reach the server (or stay journaled for the next mount), the mount
/// must show it meanwhile, and unlink, rename, rmdir, fsync and unmount must act on the waiting copy correctly.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WriteBackTests
{
    // A delay far longer than any test: nothing is uploaded unless fsync, rename or unmount asks for it.
    private const string Held = FaultyMount.DefaultOptions + ",writeback,writeback_delay=600";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Tar_x_with_writeback_shows_the_tree_at_once_and_puts_every_file_on_the_server(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(kind, options: FaultyMount.DefaultOptions + ",writeback,writeback_delay=0.2");
        using var local = new TempDirectory();
        var tree = Path.Combine(local.Path, "tree");
        TreeTests.MakeTree(tree, new Random(11));
        var archive = Path.Combine(local.Path, "tree.tar");
        await ExternalProgram.RunCheckedAsync("tar", "-cf", archive, "-C", tree, ".");

        await ExternalProgram.RunCheckedAsync("mkdir", mount.PathOf("unpacked"));
        await ExternalProgram.RunCheckedAsync("tar", ["-xf", archive, "-C", mount.PathOf("unpacked")], TimeSpan.FromMinutes(4));
        var throughMount = await ExternalProgram.RunAsync("diff", "-r", tree, mount.PathOf("unpacked"));
        Assert.True(throughMount.ExitCode == 0, $"{throughMount} {throughMount.Output}");

        var onServer = await Poll.UntilAsync(
            async () => (await ExternalProgram.RunAsync("diff", "-r", tree, mount.ServerPathOf("unpacked"))).ExitCode == 0,
            TimeSpan.FromMinutes(2));
        var last = await ExternalProgram.RunAsync("diff", "-r", tree, mount.ServerPathOf("unpacked"));
        Assert.True(onServer, $"not all on the server after 2 minutes: {last.Output}");
        Assert.Empty(Directory.EnumerateFiles(mount.ServerPathOf("unpacked"), ".ftpmount-*", SearchOption.AllDirectories));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_closed_file_waiting_for_upload_reads_back_locally_and_fsync_puts_it_on_the_server()
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Vsftpd, options: Held);
        var save = await mount.InMountAsync("printf 'draft one' > note.txt && cat note.txt && stat -c %s note.txt && ls");
        Assert.True(save.ExitCode == 0, save.Error);
        Assert.Equal("draft one9\nnote.txt\n", save.Output);
        Assert.False(File.Exists(mount.ServerPathOf("note.txt")), "uploaded although writeback_delay=600 and nothing asked for it");

        var sync = await mount.InMountAsync("python3 -c \"import os; f = open('note.txt', 'rb'); os.fsync(f.fileno()); f.close()\"");
        Assert.True(sync.ExitCode == 0, sync.Error);
        Assert.Equal("draft one", await File.ReadAllTextAsync(mount.ServerPathOf("note.txt"), Ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task Unmount_uploads_every_waiting_file_before_the_mount_process_ends()
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.PureFtpd, options: Held);
        var save = await mount.InMountAsync("mkdir -p docs && for i in 1 2 3; do printf \"content $i\" > docs/f$i.txt; done");
        Assert.True(save.ExitCode == 0, save.Error);
        Assert.False(File.Exists(mount.ServerPathOf("docs/f1.txt")));

        await UnmountAndWaitForExitAsync(mount);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal($"content {i}", await File.ReadAllTextAsync(mount.ServerPathOf($"docs/f{i}.txt"), Ct));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Rm_and_mv_of_waiting_files_act_on_the_local_copy_and_nothing_comes_back_later()
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Proftpd, options: Held);
        var work = await mount.InMountAsync("printf gone > a.txt && printf moved > b.txt && rm a.txt && mv b.txt c.txt && ls && cat c.txt");
        Assert.True(work.ExitCode == 0, work.Error);
        Assert.Equal("c.txt\nmoved", work.Output);
        // rename(2) needs the file on the server: it was uploaded first, then renamed.
        Assert.Equal("moved", await File.ReadAllTextAsync(mount.ServerPathOf("c.txt"), Ct));
        Assert.False(File.Exists(mount.ServerPathOf("b.txt")));

        await mount.UnmountAsync();
        await mount.MountAsync();
        var listing = await mount.InMountAsync("ls -A");
        Assert.Equal("c.txt\n", listing.Output);
        Assert.False(File.Exists(mount.ServerPathOf("a.txt")), "an unlinked file came back from the journal");
    }

    [Fact(Timeout = 120_000)]
    public async Task Rmdir_of_a_folder_holding_a_file_not_yet_uploaded_is_ENOTEMPTY()
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Pyftpdlib, options: Held);
        var work = await mount.InMountAsync("mkdir box && printf kept > box/f.txt && rmdir box");
        Assert.NotEqual(0, work.ExitCode);
        Assert.Contains("Directory not empty", work.Error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(mount.ServerPathOf("box")));

        await UnmountAndWaitForExitAsync(mount);
        Assert.True(File.Exists(mount.ServerPathOf("box/f.txt")), "the waiting file was not uploaded at unmount");
        Assert.Equal("kept", await File.ReadAllTextAsync(mount.ServerPathOf("box/f.txt"), Ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task Touch_and_chmod_after_close_travel_with_the_upload()
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Pyftpdlib, options: Held);
        var work = await mount.InMountAsync("printf data > f.txt && touch -d '2001-02-03 04:05:06Z' f.txt && chmod 640 f.txt && stat -c '%Y %a' f.txt");
        Assert.True(work.ExitCode == 0, work.Error);
        var expected = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        Assert.Equal($"{expected.ToUnixTimeSeconds()} 640\n", work.Output);

        await UnmountAndWaitForExitAsync(mount);
        Assert.True(File.Exists(mount.ServerPathOf("f.txt")), "not uploaded at unmount");
        Assert.Equal(expected.UtcDateTime, File.GetLastWriteTimeUtc(mount.ServerPathOf("f.txt")));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
            File.GetUnixFileMode(mount.ServerPathOf("f.txt")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Files_waiting_for_upload_survive_a_kill_of_the_mount_and_are_uploaded_by_the_next_mount()
    {
        using var spool = new TempDirectory();
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Vsftpd, options: $"{Held},spool_dir={spool.Path}");
        var save = await mount.InMountAsync("printf 'first' > one.txt && printf 'second' > two.txt && chmod 600 two.txt");
        Assert.True(save.ExitCode == 0, save.Error);

        Process.GetProcessById(MountProcess.FindServing(mount.MountPoint)).Kill();
        await FaultyMount.ShellAsync($"fusermount3 -u -z '{mount.MountPoint}'", 30);
        Assert.False(File.Exists(mount.ServerPathOf("one.txt")));
        Assert.Equal(2, Directory.GetFiles(spool.Path, "*.pending", SearchOption.AllDirectories).Length);

        await mount.MountAsync();
        Assert.Equal("first", await File.ReadAllTextAsync(mount.ServerPathOf("one.txt"), Ct));
        Assert.Equal("second", await File.ReadAllTextAsync(mount.ServerPathOf("two.txt"), Ct));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(mount.ServerPathOf("two.txt")));
        Assert.Empty(Directory.GetFiles(spool.Path, "*.pending", SearchOption.AllDirectories));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_background_upload_the_server_refuses_is_retried_kept_at_unmount_and_sent_by_the_next_mount()
    {
        using var spool = new TempDirectory();
        await using var mount = await FaultyMount.StartAsync(
            FtpServerKind.Pyftpdlib, throughProxy: true, options: $"{FaultyMount.DefaultOptions},writeback,writeback_delay=0,spool_dir={spool.Path}");
        var proxy = mount.Proxy!;
        var refusing = true;
        var refused = 0;
        Func<string, string?> replace = null!;
        replace = text =>
        {
            if (!Volatile.Read(ref refusing))
            {
                return text;
            }

            proxy.ReplaceNextReply(replace);
            if (text.StartsWith("226", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref refused);
                return "452 Insufficient storage space\r\n";
            }

            return text;
        };
        proxy.ReplaceNextReply(replace);

        // With write-back close() cannot report the refusal: it succeeds, the mount keeps showing the file.
        var save = await mount.InMountAsync("printf precious > kept.txt && cat kept.txt");
        Assert.True(save.ExitCode == 0, save.Error);
        Assert.Equal("precious", save.Output);
        Assert.True(await Poll.UntilAsync(() => Volatile.Read(ref refused) >= 2, TimeSpan.FromSeconds(30)), "the upload was not retried");
        var status = await FtpmountBinary.RunAsync(["status", mount.MountPoint], new Dictionary<string, string>(), TimeSpan.FromSeconds(30), Ct);
        Assert.Contains("1 closed file(s) waiting for upload, 1 of them retrying after a failure", status.Output, StringComparison.Ordinal);

        await UnmountAndWaitForExitAsync(mount);
        Assert.False(File.Exists(mount.ServerPathOf("kept.txt")));
        Assert.Single(Directory.GetFiles(spool.Path, "*.pending", SearchOption.AllDirectories));

        Volatile.Write(ref refusing, false);
        await mount.MountAsync();
        Assert.Equal("precious", await File.ReadAllTextAsync(mount.ServerPathOf("kept.txt"), Ct));
        Assert.Empty(Directory.GetFiles(spool.Path, "*.pending", SearchOption.AllDirectories));
    }

    /// <summary>The mount process drains its write-back queue after the unmount; its exit means the drain is over.</summary>
    private static async Task UnmountAndWaitForExitAsync(FaultyMount mount)
    {
        var pid = MountProcess.FindServing(mount.MountPoint);
        await mount.UnmountAsync();
        Assert.True(await Poll.UntilAsync(() => !MountProcess.IsAlive(pid), TimeSpan.FromSeconds(60)), "the mount process did not end");
    }
}
