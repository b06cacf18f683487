using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// -o poll_interval: another client's changes to a folder a program listed show without any access to the mount,
/// although the listing and attribute caches would hold the old view for an hour.
/// </summary>
[Trait("Category", "Integration")]
public class PollingTests
{
    private const string LongCaches = "dir_cache_ttl=3600,attr_timeout=3600";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Files_another_client_adds_changes_or_removes_show_within_the_poll_interval(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind, LongCaches + ",poll_interval=1");
        mount.Server.CreateDirectory("shared");
        mount.Server.CreateFile("shared/grows.txt", "one\n"u8);
        mount.Server.CreateFile("shared/goes.txt", "bye\n"u8);
        Assert.Equal(["goes.txt", "grows.txt"], Names(mount.PathOf("shared")));
        Assert.Equal(4, new FileInfo(mount.PathOf("shared/grows.txt")).Length);

        // Another client: the server's own files change under it.
        mount.Server.CreateFile("shared/new.txt", "hello\n"u8);
        mount.Server.CreateFile("shared/grows.txt", "one two three\n"u8);
        File.Delete(mount.ServerPathOf("shared/goes.txt"));

        Assert.True(
            await Poll.UntilAsync(
                () => Names(mount.PathOf("shared")).SequenceEqual(["grows.txt", "new.txt"]) && new FileInfo(mount.PathOf("shared/grows.txt")).Length == 14,
                Patience),
            $"After {Patience.TotalSeconds} s the mount shows {string.Join(", ", Names(mount.PathOf("shared")))}, grows.txt {new FileInfo(mount.PathOf("shared/grows.txt")).Length} bytes. {mount.Describe()}");
        Assert.False(File.Exists(mount.PathOf("shared/goes.txt")));
        Assert.Equal("one two three\n", await File.ReadAllTextAsync(mount.PathOf("shared/grows.txt"), Ct));
    }

    [Fact(Timeout = 180_000)]
    public async Task Without_polling_the_caches_keep_the_old_view()
    {
        // The control: the same change, poll_interval=0, stays unseen while the caches hold.
        await using var mount = await MountedServer.StartAsync(FtpServerKind.Vsftpd, LongCaches + ",poll_interval=0");
        mount.Server.CreateDirectory("shared");
        mount.Server.CreateFile("shared/old.txt", "x"u8);
        Assert.Equal(["old.txt"], Names(mount.PathOf("shared")));

        mount.Server.CreateFile("shared/new.txt", "x"u8);
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);

        Assert.Equal(["old.txt"], Names(mount.PathOf("shared")));
    }

    private static string[] Names(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
