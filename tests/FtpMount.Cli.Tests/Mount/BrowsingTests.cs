using System.Globalization;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>Looking around a mounted server with ls, stat and cat.</summary>
[Trait("Category", "Integration")]
public sealed class BrowsingTests
{
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Ls_stat_and_cat_show_the_servers_files_directories_sizes_times_and_content(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        var notes = mount.Server.CreateFile("notes.txt", "hello, ftpmount\n"u8);
        var guide = new byte[5000];
        new Random(1).NextBytes(guide);
        mount.Server.CreateFile("docs/guide.md", guide);
        mount.Server.CreateDirectory("empty");

        // Recent and on a whole minute: vsftpd's LIST (it has no MLSD) shows hours and minutes for files under six months old.
        var modified = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeSeconds() / 60) * 60);
        File.SetLastWriteTimeUtc(notes, modified.UtcDateTime);

        var listing = await ExternalProgram.RunCheckedAsync("ls", "-l", mount.MountPoint);
        Assert.Matches(@"(?m)^-rw-r--r-- +1 +\S+ +\S+ +16 .* notes\.txt$", listing);
        Assert.Matches(@"(?m)^drwxr-xr-x +\d+ .* docs$", listing);
        Assert.Matches(@"(?m)^drwxr-xr-x +\d+ .* empty$", listing);
        Assert.Matches(@"(?m)^-rw-r--r-- +1 +\S+ +\S+ +5000 .* guide\.md$", await ExternalProgram.RunCheckedAsync("ls", "-l", mount.PathOf("docs")));
        Assert.Equal(string.Empty, await ExternalProgram.RunCheckedAsync("ls", "-A", mount.PathOf("empty")));

        var seconds = modified.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal($"16 {seconds} regular file\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%s %Y %F", mount.PathOf("notes.txt")));
        Assert.Equal("directory\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%F", mount.PathOf("docs")));

        Assert.Equal("hello, ftpmount\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("notes.txt")));
        await ExternalProgram.RunCheckedAsync("cmp", mount.PathOf("docs/guide.md"), mount.ServerPathOf("docs/guide.md"));

        var missing = await ExternalProgram.RunAsync("cat", mount.PathOf("no-such-file"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("No such file or directory", missing.Error, StringComparison.Ordinal);
    }
}
