using FtpMount.Cli.Tests.Hosting;
using FtpMount.Cli.Tests.Reliability;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// A write-back upload the server refuses for good (issue 13.3; here a folder its user may not write to) is reported
/// in status and kept in the spool folder, and neither this mount nor a later one sends it again, where it used to be
/// retried forever and across remounts. A new save of the path through the mount replaces it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RefusedUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 240_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task A_journaled_upload_refused_for_good_is_reported_kept_and_not_sent_by_the_next_mount(FtpServerKind kind)
    {
        using var spool = new TempDirectory();
        await using var mount = await FaultyMount.StartAsync(
            kind,
            options: $"{FaultyMount.DefaultOptions},writeback,writeback_delay=0,spool_dir={spool.Path}",
            seed: s => File.SetUnixFileMode(s.CreateDirectory("locked"), UnixFileMode.UserRead | UnixFileMode.UserExecute));

        using var local = new TempDirectory();
        var source = local.File("source.txt", "precious\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var copy = await ExternalProgram.RunAsync("cp", source, mount.PathOf("locked/kept.txt"));
        Assert.True(copy.ExitCode == 0, copy.ToString());

        var refusedLine = "refused      /locked/kept.txt: ";
        Assert.True(await Poll.UntilAsync(async () => (await StatusAsync(mount)).Contains(refusedLine, StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
            $"status never reported the refusal: {await StatusAsync(mount)}; on the server: {string.Join(", ", Directory.GetFileSystemEntries(mount.ServerPathOf("locked")))}; in the spool folder: {string.Join(", ", Directory.GetFiles(spool.Path, "*", SearchOption.AllDirectories).Select(Path.GetFileName))}; {mount.Server.ReadServerLog()}");
        Assert.Contains("0 retrying after a failure, 1 refused by the server", await StatusAsync(mount), StringComparison.Ordinal);

        var pid = MountProcess.FindServing(mount.MountPoint);
        await mount.UnmountAsync();
        Assert.True(await Poll.UntilAsync(() => !MountProcess.IsAlive(pid), TimeSpan.FromSeconds(60)), "the mount process did not end");
        var pending = Assert.Single(Directory.GetFiles(spool.Path, "*.pending", SearchOption.AllDirectories));
        Assert.Contains("\nrefused ", await File.ReadAllTextAsync(pending, Ct), StringComparison.Ordinal);

        // The folder becomes writable: a mount that still sent the refused upload would now put it there.
        File.SetUnixFileMode(mount.ServerPathOf("locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await mount.MountAsync();
        var status = await StatusAsync(mount);
        Assert.True(status.Contains(refusedLine, StringComparison.Ordinal) && status.Contains("1 refused by the server", StringComparison.Ordinal), status);
        Assert.False(File.Exists(mount.ServerPathOf("locked/kept.txt")), "the refused upload was sent again by the next mount");
        Assert.Equal("precious\n", await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(spool.Path, "*.spool", SearchOption.AllDirectories)), Ct));

        // Saving the path again through the mount replaces the refused content; it is uploaded and no longer reported.
        await ExternalProgram.RunCheckedAsync("cp", source, mount.PathOf("locked/kept.txt"));
        Assert.True(await Poll.UntilAsync(() => File.Exists(mount.ServerPathOf("locked/kept.txt")), TimeSpan.FromSeconds(60)), "the new save was not uploaded");
        Assert.Equal("precious\n", await File.ReadAllTextAsync(mount.ServerPathOf("locked/kept.txt"), Ct));
        Assert.True(await Poll.UntilAsync(async () => !(await StatusAsync(mount)).Contains(refusedLine, StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            await StatusAsync(mount));
    }

    private static async Task<string> StatusAsync(FaultyMount mount) =>
        (await FtpmountBinary.RunAsync(["status", mount.MountPoint], new Dictionary<string, string>(), TimeSpan.FromSeconds(30), Ct)).Output;
}
