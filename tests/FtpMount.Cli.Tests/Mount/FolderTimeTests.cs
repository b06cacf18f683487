using System.Globalization;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Folder times (issue 13.5): vsftpd and pyftpdlib refuse to set a folder's time, and every server moves it when our
/// uploads land in the folder. A time set through the mount (touch -d, cp -a) is what programs see for as long as the
/// mount runs, however often the listing is fetched again, until a name in the folder changes as on Linux.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FolderTimeTests
{
    private static readonly DateTimeOffset Wanted = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly DateTimeOffset Copied = new(2019, 8, 9, 10, 11, 12, TimeSpan.Zero);

    // Listings and attributes expire after a second: every later stat reads the server again.
    private const string ShortCache = "dir_cache_ttl=1,attr_timeout=1";

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task A_folder_time_set_through_the_mount_is_shown_while_it_runs_until_a_name_in_it_changes(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind, ShortCache);
        mount.Server.CreateDirectory("made-on-server");
        await ExternalProgram.RunCheckedAsync("mkdir", mount.PathOf("made-here"));
        var seconds = Seconds(Wanted);

        foreach (var folder in new[] { "made-on-server", "made-here" })
        {
            await ExternalProgram.RunCheckedAsync("touch", "-d", "2021-03-04 05:06:07", mount.PathOf(folder));
            Assert.True(seconds == await StatAsync(mount, folder), $"{folder} right after touch -d. {mount.Describe()}");
        }

        // A file saved into the folder (our temporary name and rename move the server's time) changes nothing a program
        // sees on Linux once it exists: write it first, then set the time, then overwrite its content.
        await File.WriteAllTextAsync(mount.PathOf("made-here/inside.txt"), "first\n", TestContext.Current.CancellationToken);
        await ExternalProgram.RunCheckedAsync("touch", "-d", "2021-03-04 05:06:07", mount.PathOf("made-here"));
        await ExternalProgram.RunCheckedAsync("sh", "-c", "printf 'second\\n' > \"$0\"", mount.PathOf("made-here/inside.txt"));

        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        foreach (var folder in new[] { "made-on-server", "made-here" })
        {
            Assert.True(seconds == await StatAsync(mount, folder), $"{folder} after the caches expired. {mount.Describe()}");
            var listed = await ExternalProgram.RunCheckedAsync("ls", "-ld", "--time-style=+%s", mount.PathOf(folder));
            Assert.Contains(" " + seconds.Trim() + " ", listed, StringComparison.Ordinal);
        }

        Assert.Equal("second\n", await File.ReadAllTextAsync(mount.ServerPathOf("made-here/inside.txt"), TestContext.Current.CancellationToken));

        // Creating a name in the folder sets its time to now, as on Linux.
        await ExternalProgram.RunCheckedAsync("touch", mount.PathOf("made-on-server/new.txt"));
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        Assert.NotEqual(seconds, await StatAsync(mount, "made-on-server"));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Cp_a_of_a_tree_keeps_the_folder_times_it_copied(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind, ShortCache);
        using var local = new TempDirectory();
        var tree = Path.Combine(local.Path, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "inner"));
        await File.WriteAllTextAsync(Path.Combine(tree, "inner", "file.txt"), "copied\n", TestContext.Current.CancellationToken);
        Directory.SetLastWriteTimeUtc(Path.Combine(tree, "inner"), Copied.UtcDateTime);
        Directory.SetLastWriteTimeUtc(tree, Wanted.UtcDateTime);

        await ExternalProgram.RunCheckedAsync("cp", "-a", tree, mount.PathOf("tree"));
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);

        Assert.True(Seconds(Wanted) == await StatAsync(mount, "tree"), $"tree. {mount.Describe()}");
        Assert.True(Seconds(Copied) == await StatAsync(mount, "tree/inner"), $"tree/inner. {mount.Describe()}");
        Assert.Equal("copied\n", await File.ReadAllTextAsync(mount.ServerPathOf("tree/inner/file.txt"), TestContext.Current.CancellationToken));
    }

    private static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "\n";

    private static Task<string> StatAsync(MountedServer mount, string relative) =>
        ExternalProgram.RunCheckedAsync("stat", "-c", "%Y", mount.PathOf(relative));
}
