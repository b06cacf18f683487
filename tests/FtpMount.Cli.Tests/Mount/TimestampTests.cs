using System.Globalization;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>touch -d sets the modification time the server keeps, for files that exist and files touch creates.</summary>
[Trait("Category", "Integration")]
public sealed class TimestampTests
{
    private static readonly DateTimeOffset Wanted = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Touch_d_sets_the_mtime_seen_through_the_mount_and_on_the_server(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        mount.Server.CreateFile("existing.txt", "content\n"u8);
        var seconds = Wanted.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "\n";

        foreach (var name in new[] { "existing.txt", "created-by-touch.txt" })
        {
            // ExternalProgram runs everything with TZ=UTC, so the date means 05:06:07 UTC.
            await ExternalProgram.RunCheckedAsync("touch", "-d", "2021-03-04 05:06:07", mount.PathOf(name));
            var shown = await ExternalProgram.RunCheckedAsync("stat", "-c", "%Y", mount.PathOf(name));
            Assert.True(seconds == shown, $"{name} shows mtime {shown.Trim()} through the mount. {mount.Describe()}");
            Assert.Equal(Wanted.UtcDateTime, File.GetLastWriteTimeUtc(mount.ServerPathOf(name)));
        }

        // cp -p writes, then sets the time on the still-open file: the time waits for the upload and must survive it.
        using var local = new TempDirectory();
        var source = local.File("source.txt", "copied with its time\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetLastWriteTimeUtc(source, Wanted.UtcDateTime);
        await ExternalProgram.RunCheckedAsync("cp", "-p", source, mount.PathOf("copied.txt"));
        Assert.Equal(seconds, await ExternalProgram.RunCheckedAsync("stat", "-c", "%Y", mount.PathOf("copied.txt")));
        Assert.Equal(Wanted.UtcDateTime, File.GetLastWriteTimeUtc(mount.ServerPathOf("copied.txt")));

        Assert.Equal("content\n", await File.ReadAllTextAsync(mount.ServerPathOf("existing.txt"), TestContext.Current.CancellationToken));
        Assert.Equal(0, new FileInfo(mount.ServerPathOf("created-by-touch.txt")).Length);
    }
}
