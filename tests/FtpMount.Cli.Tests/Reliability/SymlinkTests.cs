using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// The kernel follows a link's target itself, on the local side: a server's link must never lead outside the mount.
/// Targets inside it are shown relative; any other link is a file that cannot be opened (or, with symlinks=hide, absent).
/// </summary>
[Trait("Category", "Integration")]
public class SymlinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Links_leading_outside_the_mount_neither_read_nor_write_local_files(FtpServerKind kind)
    {
        using var outside = new OutsideFile();
        await using var mount = await FaultyMount.StartAsync(kind, seed: s => SeedOutsideLinks(s, outside));

        foreach (var link in OutsideLinks)
        {
            var read = await mount.InMountAsync($"cat {link}");
            Assert.DoesNotContain(OutsideFile.Secret, read.Output, StringComparison.Ordinal);
            await mount.InMountAsync($"echo overwritten > {link}");
            await mount.InMountAsync($"echo appended >> {link}");
        }

        Assert.Equal(OutsideFile.Secret, await File.ReadAllTextAsync(outside.Path, Ct));
        Assert.Single(Directory.GetFileSystemEntries(outside.Folder));
    }

    [Theory(Timeout = 120_000)]
    [InlineData(FtpServerKind.Vsftpd)]
    [InlineData(FtpServerKind.PureFtpd)] // MLSD and MLST show links without targets: completed from LIST.
    public async Task Links_inside_the_ftp_root_resolve_inside_the_mount_with_relative_targets(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(kind, seed: SeedInsideLinks);

        var links = await mount.InMountAsync("readlink abs-in sub/abs-up rel-in dir-in");
        Assert.True(links.ExitCode == 0, links.Error);
        Assert.Equal("sub/target.txt\n../top.txt\nsub/target.txt\nsub\n", links.Output);
        var content = await mount.InMountAsync("cat abs-in sub/abs-up rel-in dir-in/target.txt");
        Assert.True(content.ExitCode == 0, content.Error);
        Assert.Equal("pointed attoppointed atpointed at", content.Output);
    }

    [Fact(Timeout = 120_000)]
    public async Task Proftpd_links_inside_the_ftp_root_read_their_targets()
    {
        // proftpd's MLST calls a link a file with the link's own size (so a read through that lookup fails its size
        // check), where its MLSD says "symlink": the listing is kept long enough that names are found in it.
        await using var mount = await FaultyMount.StartAsync(
            FtpServerKind.Proftpd, options: "timeout=4,connect_timeout=4,dir_cache_ttl=600,attr_timeout=1", seed: SeedInsideLinks);

        var content = await mount.InMountAsync("ls -R > /dev/null && cat abs-in sub/abs-up rel-in dir-in/target.txt");
        Assert.True(content.ExitCode == 0, content.Error);
        Assert.Equal("pointed attoppointed atpointed at", content.Output);
    }

    [Fact(Timeout = 120_000)]
    public async Task Link_leading_outside_is_a_file_without_permissions_that_can_still_be_removed()
    {
        using var outside = new OutsideFile();
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Vsftpd, seed: s => SeedOutsideLinks(s, outside));

        var shown = await mount.InMountAsync("ls -l rel-out");
        Assert.StartsWith("---------- ", shown.Output, StringComparison.Ordinal);
        var readlink = await mount.InMountAsync("readlink rel-out");
        Assert.NotEqual(0, readlink.ExitCode);
        var cat = await mount.InMountAsync("cat rel-out");
        Assert.Contains("Permission denied", cat.Error, StringComparison.Ordinal);

        var removed = await mount.InMountAsync("rm rel-out");
        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.False(Path.Exists(mount.ServerPathOf("rel-out")) || new FileInfo(mount.ServerPathOf("rel-out")).LinkTarget is not null);
        Assert.Equal(OutsideFile.Secret, await File.ReadAllTextAsync(outside.Path, Ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_link_moved_to_another_folder_is_checked_again_for_its_new_place()
    {
        // From sub/, "../ftpmount-outside-*/secret.txt" stays in the mount; moved to the root, the same text climbs
        // out of it to the local file (rename(2) on the server keeps a link's text as it is).
        using var outside = new OutsideFile();
        // Listings trusted long enough that only the rename itself can refresh what the mount shows.
        await using var mount = await FaultyMount.StartAsync(
            FtpServerKind.Vsftpd, options: "timeout=4,connect_timeout=4,dir_cache_ttl=600,attr_timeout=1", seed: s =>
        {
            s.CreateFile("sub/placeholder.txt", "x"u8);

            // The same relative path inside the server's folder, so that vsftpd (which stats the source at RNFR)
            // can rename the link.
            s.CreateFile($"{System.IO.Path.GetFileName(outside.Folder)}/secret.txt", "server copy"u8);
            Link(s, "sub/link", $"../{System.IO.Path.GetFileName(outside.Folder)}/secret.txt");
        });

        var before = await mount.InMountAsync("readlink sub/link && cat sub/link");
        Assert.Equal($"../{System.IO.Path.GetFileName(outside.Folder)}/secret.txt\nserver copy", before.Output);
        var moved = await mount.InMountAsync("mv sub/link moved && cat moved; echo overwritten > moved");
        Assert.DoesNotContain(OutsideFile.Secret, moved.Output, StringComparison.Ordinal);
        Assert.Equal(OutsideFile.Secret, await File.ReadAllTextAsync(outside.Path, Ct));
        Assert.Equal("../" + System.IO.Path.GetFileName(outside.Folder) + "/secret.txt", new FileInfo(mount.ServerPathOf("moved")).LinkTarget);
    }

    [Fact(Timeout = 120_000)]
    public async Task With_symlinks_hide_links_leading_outside_are_left_out_of_listings()
    {
        using var outside = new OutsideFile();
        await using var mount = await FaultyMount.StartAsync(
            FtpServerKind.Vsftpd, options: FaultyMount.DefaultOptions + ",symlinks=hide", seed: s =>
            {
                SeedOutsideLinks(s, outside);
                SeedInsideLinks(s);
            });

        var listing = await mount.InMountAsync("ls -A");
        Assert.True(listing.ExitCode == 0, listing.Error);
        // vsftpd is chrooted to the mounted folder: every absolute target is inside it (abs-out is rewritten to
        // tmp/ftpmount-outside-*/secret.txt in the mount); the relative ones climb out and are left out.
        Assert.Equal("abs-in\nabs-out\ndir-in\nrel-in\nsub\ntop.txt\n", listing.Output);
        var cat = await mount.InMountAsync("cat rel-out");
        Assert.NotEqual(0, cat.ExitCode);
        var readlink = await mount.InMountAsync("readlink abs-out");
        Assert.Equal("tmp/" + System.IO.Path.GetFileName(outside.Folder) + "/secret.txt\n", readlink.Output);
    }

    private static readonly string[] OutsideLinks = ["abs-out", "rel-out", "deep-out", "sub/up-out"];

    /// <summary>Links that, followed locally from the mount (/tmp/ftpmount-faults-*), reach <paramref name="outside"/>.</summary>
    private static void SeedOutsideLinks(FtpTestServer server, OutsideFile outside)
    {
        var folder = System.IO.Path.GetFileName(outside.Folder);
        server.CreateFile("sub/placeholder.txt", "x"u8);
        Link(server, "abs-out", outside.Path);
        Link(server, "rel-out", $"../{folder}/secret.txt");
        Link(server, "deep-out", "../../../../../../../.." + outside.Path);
        Link(server, "sub/up-out", $"../../{folder}/secret.txt");
    }

    private static void SeedInsideLinks(FtpTestServer server)
    {
        server.CreateFile("top.txt", "top"u8);
        server.CreateFile("sub/target.txt", "pointed at"u8);
        Link(server, "abs-in", "/sub/target.txt");
        Link(server, "sub/abs-up", "/top.txt");
        Link(server, "rel-in", "sub/target.txt");
        Link(server, "dir-in", "sub");
    }

    private static void Link(FtpTestServer server, string name, string target) =>
        File.CreateSymbolicLink(System.IO.Path.Combine(server.RootDirectory, name), target);

    /// <summary>A local file outside every mount and server root, next to the mount points in /tmp.</summary>
    private sealed class OutsideFile : IDisposable
    {
        public const string Secret = "local secret";

        public OutsideFile()
        {
            Folder = Directory.CreateTempSubdirectory("ftpmount-outside-").FullName;
            Path = System.IO.Path.Combine(Folder, "secret.txt");
            File.WriteAllText(Path, Secret);
        }

        public string Folder { get; }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
