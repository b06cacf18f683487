using FtpMount.Cli.Tests.Mount;
using FtpMount.Testing.Hostile;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// Servers that refuse a rename: IIS will not rename over an existing name (550), others refuse for permissions or
/// policy. A save or mv replaces the old file only once the new one is in place, and a refusal destroys nothing.
/// The scriptable server logs every command, so the order of RNTO and DELE/RMD is checked, not only the outcome.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RefusedRenameTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool> ListingKinds => new() { true, false };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ListingKinds))]
    public async Task Save_over_a_file_on_a_server_that_will_not_rename_over_it_replaces_it_and_deletes_only_the_old_copy_afterwards(bool mlsd)
    {
        await using var mount = await MountedServer.StartHostileAsync(Options(mlsd), seed: s =>
        {
            s.CreateFile("doc.txt", "old\n"u8);
            RefuseRenameOntoExisting(s);
        });

        await ExternalProgram.PythonAsync("import sys\nwith open(sys.argv[1], 'w') as f:\n    f.write('new\\n')\n", mount.PathOf("doc.txt"));

        Assert.Equal("new\n", await File.ReadAllTextAsync(mount.ServerPathOf("doc.txt"), Ct));
        AssertReplacedBeforeRemoved(mount.Hostile, "DELE", "/doc.txt");
        AssertNoLeftovers(mount);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ListingKinds))]
    public async Task Mv_over_a_file_on_a_server_that_will_not_rename_over_it_replaces_it(bool mlsd)
    {
        await using var mount = await MountedServer.StartHostileAsync(Options(mlsd), seed: s =>
        {
            s.CreateFile("a.txt", "from a\n"u8);
            s.CreateFile("b.txt", "old b\n"u8);
            RefuseRenameOntoExisting(s);
        });

        await ExternalProgram.RunCheckedAsync("mv", mount.PathOf("a.txt"), mount.PathOf("b.txt"));

        Assert.Equal("from a\n", await File.ReadAllTextAsync(mount.ServerPathOf("b.txt"), Ct));
        Assert.False(File.Exists(mount.ServerPathOf("a.txt")));
        AssertReplacedBeforeRemoved(mount.Hostile, "DELE", "/b.txt");
        AssertNoLeftovers(mount);
    }

    [Fact(Timeout = 120_000)]
    public async Task Mv_of_a_folder_onto_an_empty_folder_on_a_server_that_will_not_rename_over_it_replaces_it()
    {
        await using var mount = await MountedServer.StartHostileAsync(seed: s =>
        {
            s.CreateFile("moving/inside.txt", "inside\n"u8);
            s.CreateDirectory("empty");
            RefuseRenameOntoExisting(s);
        });

        // mv -T: rename(2) onto the folder itself, not into it.
        await ExternalProgram.RunCheckedAsync("mv", "-T", mount.PathOf("moving"), mount.PathOf("empty"));

        Assert.Equal("inside\n", await File.ReadAllTextAsync(mount.ServerPathOf("empty/inside.txt"), Ct));
        Assert.False(Directory.Exists(mount.ServerPathOf("moving")));
        AssertReplacedBeforeRemoved(mount.Hostile, "RMD", "/empty");
        AssertNoLeftovers(mount);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ListingKinds))]
    public async Task Save_whose_rename_is_refused_for_another_reason_fails_and_keeps_the_old_file(bool mlsd)
    {
        await using var mount = await MountedServer.StartHostileAsync(Options(mlsd), seed: s =>
        {
            s.CreateFile("doc.txt", "old\n"u8);
            s.Intercept("RNTO", (c, _) => c.ReplyAsync("553 Rename refused: quota exceeded."));
        });

        var save = await ExternalProgram.RunAsync(
            "python3", ["-c", "import sys\nwith open(sys.argv[1], 'w') as f:\n    f.write('new\\n')\n", mount.PathOf("doc.txt")], null);

        Assert.NotEqual(0, save.ExitCode);
        Assert.Equal("old\n", await File.ReadAllTextAsync(mount.ServerPathOf("doc.txt"), Ct));
        Assert.Equal(0, mount.Hostile.Commands.Count("DELE", "/doc.txt"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Mv_refused_for_another_reason_keeps_both_files()
    {
        await using var mount = await MountedServer.StartHostileAsync(seed: s =>
        {
            s.CreateFile("a.txt", "from a\n"u8);
            s.CreateFile("b.txt", "old b\n"u8);
            s.Intercept("RNTO", (c, _) => c.ReplyAsync("553 Rename refused: quota exceeded."));
        });

        var mv = await ExternalProgram.RunAsync("mv", mount.PathOf("a.txt"), mount.PathOf("b.txt"));

        Assert.NotEqual(0, mv.ExitCode);
        Assert.Equal("old b\n", await File.ReadAllTextAsync(mount.ServerPathOf("b.txt"), Ct));
        Assert.Equal("from a\n", await File.ReadAllTextAsync(mount.ServerPathOf("a.txt"), Ct));
        Assert.Equal(0, mount.Hostile.Commands.Count("DELE", "/b.txt"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Save_on_a_server_that_refuses_every_rename_onto_the_name_keeps_the_old_content_visible()
    {
        // The old file may be renamed away, but nothing may be renamed onto its name: not the new version, and not
        // the old one back. Its content must stay where a user sees it, never under a hidden name or deleted.
        await using var mount = await MountedServer.StartHostileAsync(seed: s =>
        {
            s.CreateFile("doc.txt", "old\n"u8);
            s.Intercept("RNTO", (c, next) => c.Path == "/doc.txt" ? c.ReplyAsync("550 Permission denied by policy.") : next(c));
        });

        var save = await ExternalProgram.RunAsync(
            "python3", ["-c", "import sys\nwith open(sys.argv[1], 'w') as f:\n    f.write('new\\n')\n", mount.PathOf("doc.txt")], null);

        Assert.NotEqual(0, save.ExitCode);
        Assert.Equal(0, mount.Hostile.Commands.Count("DELE", "/doc.txt"));
        var old = File.Exists(mount.ServerPathOf("doc.txt"))
            ? mount.ServerPathOf("doc.txt")
            : Assert.Single(Directory.GetFiles(mount.Hostile.RootDirectory, "doc.txt.ftpmount-*.kept"));
        Assert.Equal("old\n", await File.ReadAllTextAsync(old, Ct));
        var listing = await ExternalProgram.RunCheckedAsync("ls", "-A", mount.MountPoint);
        Assert.Contains(Path.GetFileName(old), listing, StringComparison.Ordinal);
    }

    private static HostileFtpServerOptions Options(bool mlsd) => new()
    {
        Features = mlsd ? HostileFtpServerOptions.DefaultFeatures : HostileFtpServerOptions.ListOnlyFeatures,
    };

    /// <summary>IIS: "550 Cannot create a file when that file already exists." for RNTO onto any existing name.</summary>
    private static void RefuseRenameOntoExisting(HostileFtpServer server) =>
        server.Intercept("RNTO", (c, next) => c.Path is { } path && Path.Exists(server.PathOf(path))
            ? c.ReplyAsync("550 Cannot create a file when that file already exists.")
            : next(c));

    /// <summary>
    /// Nothing named <paramref name="target"/> was removed, and every <paramref name="removal"/> (of the aside) came
    /// after the last RNTO onto <paramref name="target"/>, i.e. after the replacement was in place.
    /// </summary>
    private static void AssertReplacedBeforeRemoved(HostileFtpServer server, string removal, string target)
    {
        var log = server.Commands.Snapshot();
        Assert.Equal(0, server.Commands.Count(removal, target));
        var placed = log.Last(c => c.Verb == "RNTO" && c.Path == target).Sequence;
        var removals = log.Where(c => c.Verb == removal).ToList();
        Assert.NotEmpty(removals);
        Assert.All(removals, c => Assert.True(c.Sequence > placed, $"{c} came before the replacement was in place:\n{server.Commands}"));
    }

    private static void AssertNoLeftovers(MountedServer mount) =>
        Assert.DoesNotContain(
            Directory.EnumerateFileSystemEntries(mount.Hostile.RootDirectory),
            path => Path.GetFileName(path).StartsWith(".ftpmount-", StringComparison.Ordinal));
}
