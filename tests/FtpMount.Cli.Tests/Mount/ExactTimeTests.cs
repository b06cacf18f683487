using System.Globalization;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Times stay exact through the mount once its caches expired: vsftpd's LIST shows minutes (the day only for files
/// older than six months) and every MLSD keeps whole seconds, yet rsync -a compares nanoseconds.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ExactTimeTests
{
    private const string ShortCache = "dir_cache_ttl=1,attr_timeout=1";
    private static readonly TimeSpan PastTheCache = TimeSpan.FromSeconds(2.5);

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Rsync_a_again_after_the_cache_expired_finds_no_changed_file(FtpServerKind kind)
    {
        RequireRsync();
        await using var mount = await MountedServer.StartAsync(kind, ShortCache);
        using var local = new TempDirectory();
        var source = Path.Combine(local.Path, "tree");
        MakeTree(source);
        Directory.CreateDirectory(mount.PathOf("copy"));

        await ExternalProgram.RunCheckedAsync("rsync", ["-a", source + "/", mount.PathOf("copy") + "/"], TimeSpan.FromSeconds(120));
        await Task.Delay(PastTheCache, TestContext.Current.CancellationToken);
        var again = await ExternalProgram.RunCheckedAsync("rsync", ["-a", "-n", "-i", source + "/", mount.PathOf("copy") + "/"], TimeSpan.FromSeconds(120));

        // Every itemized line, a file's or a folder's ("./", "sub0/"), names something rsync would send again.
        var changed = again.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(changed.Length == 0, $"rsync -a -n -i after the cache expired: {string.Join(" | ", changed)}. {mount.Describe()}");
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Cp_a_of_an_old_file_shows_its_seconds_after_the_cache_expired(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind, ShortCache);
        using var local = new TempDirectory();
        var file = local.File("old.txt", "from 2020\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // ExternalProgram runs everything with TZ=UTC.
        await ExternalProgram.RunCheckedAsync("touch", "-d", "2020-01-02 07:08:09", file);
        var expected = new DateTimeOffset(2020, 1, 2, 7, 8, 9, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "\n";

        await ExternalProgram.RunCheckedAsync("cp", "-a", file, mount.PathOf("old.txt"));

        // Put there by another client: the mount never set this time, the server's listing is all it has.
        var other = mount.Server.CreateFile("other.txt", "x"u8);
        File.SetLastWriteTimeUtc(other, new DateTime(2019, 5, 6, 10, 11, 12, DateTimeKind.Utc));
        await Task.Delay(PastTheCache, TestContext.Current.CancellationToken);

        var shown = await ExternalProgram.RunCheckedAsync("stat", "-c", "%Y", mount.PathOf("old.txt"));
        Assert.True(expected == shown, $"old.txt shows {shown.Trim()} after the cache expired, not {expected.Trim()}. {mount.Describe()}");
        var otherShown = await ExternalProgram.RunCheckedAsync("stat", "-c", "%Y", mount.PathOf("other.txt"));
        Assert.Equal(new DateTimeOffset(2019, 5, 6, 10, 11, 12, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "\n", otherShown);
    }

    /// <summary>Files old (day-only in LIST) and recent (minutes in LIST), with nanoseconds as a real disk has them.</summary>
    private static void MakeTree(string root)
    {
        var recent = DateTime.UtcNow.AddHours(-3);
        for (int i = 0; i < 30; i++)
        {
            var folder = Path.Combine(root, i < 10 ? "." : $"sub{i % 3}");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"file{i:D2}.txt");
            File.WriteAllText(path, new string('x', i * 11));
            var when = i % 2 == 0 ? new DateTime(2020, 1, 2, 7, 8, 9, DateTimeKind.Utc).AddSeconds(i * 37) : recent.AddSeconds(i * 13);
            File.SetLastWriteTimeUtc(path, when.AddTicks(1234567 + i));
        }
    }

    private static void RequireRsync() =>
        Assert.True(File.Exists("/usr/bin/rsync"), "rsync is not installed (/usr/bin/rsync): run bash scripts/install-test-deps.sh");
}
