using System.Text.RegularExpressions;
using FtpMount.Cli.Tests.Mount;
using FtpMount.Testing;
using FtpMount.Testing.Libfuse;

namespace FtpMount.Cli.Tests.Libfuse;

/// <summary>
/// The real ftpmount over vsftpd, with each libfuse release users run: the kernel lists a folder from its own copy
/// while the listing cache still trusts the listing it was given (no READDIR reaches the mount, as libfuse's trace,
/// <c>log_level=trace</c>, shows; before 3.16.1 through <c>OpenDirFlagRelay</c>, so a relay that did not install
/// fails here), and yet no stale view survives: a change through the mount shows at once, another client's change
/// once the listing cache expires (polling off) or once a poll finds it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KernelListingCacheMountTests
{
    private static readonly TimeSpan ShowsWithin = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Releases => new(LibfuseReleases.All);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(Releases))]
    public async Task A_hot_ls_lR_lists_every_folder_from_the_kernels_copy_without_readdir(string release)
    {
        LibfuseBuild? build = await LibfuseReleases.BuildAsync(release);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        for (var folder = 0; folder < 5; folder++)
        {
            for (var file = 0; file < 3; file++)
            {
                server.CreateFile($"tree/d{folder}/f{file}.txt", "x"u8);
            }
        }

        await using var mount = await ReleaseMount.StartAsync(server, build, MountUser.Root, "log_level=trace");
        var first = await mount.RunCheckedAsync("ls", "-lR", mount.PathOf("tree"));
        var requests = await RequestsDuringAsync(mount, "hot", async () =>
            Assert.Equal(first, await mount.RunCheckedAsync("ls", "-lR", mount.PathOf("tree"))));

        Assert.Equal(6, Count(requests, "OPENDIR"));
        Assert.True(Readdirs(requests) == 0, $"{Readdirs(requests)} READDIR(PLUS) requests for a hot ls -lR:\n{requests}");
    }

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(Releases))]
    public async Task The_mount_root_is_listed_from_the_kernels_copy_too(string release)
    {
        // The root has no listing entry to take a time from; a time that moved with every stat made the kernel,
        // which checks a folder's mtime before listing it from its copy, drop its copy of the root every time.
        LibfuseBuild? build = await LibfuseReleases.BuildAsync(release);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("a.txt", "a"u8);
        await using var mount = await ReleaseMount.StartAsync(server, build, MountUser.Root, "log_level=trace");
        async Task ListRootAsync(int times)
        {
            for (var pass = 0; pass < times; pass++)
            {
                Assert.Equal("a.txt\n", await mount.RunCheckedAsync("ls", mount.MountPoint));
            }
        }

        await ListRootAsync(1);
        var again = await RequestsDuringAsync(mount, "root", () => ListRootAsync(3));
        Assert.True(Readdirs(again) == 0, $"{Readdirs(again)} READDIR(PLUS) requests for the mount root listed again:\n{again}");
    }

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(Releases))]
    public async Task Names_created_removed_and_renamed_through_the_mount_show_at_once_though_the_kernel_cached_the_folder(string release)
    {
        LibfuseBuild? build = await LibfuseReleases.BuildAsync(release);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("dir/a.txt", "a"u8);
        await using var mount = await ReleaseMount.StartAsync(server, build, MountUser.Root, "log_level=trace");
        Assert.Equal("a.txt\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir")));
        var cached = await RequestsDuringAsync(mount, "cached", async () =>
            Assert.Equal("a.txt\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir"))));
        Assert.Equal(0, Readdirs(cached));

        await mount.RunCheckedAsync("touch", mount.PathOf("dir/b.txt"));
        Assert.Equal("a.txt\nb.txt\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir")));
        await mount.RunCheckedAsync("mkdir", mount.PathOf("dir/sub"));
        Assert.Equal("a.txt\nb.txt\nsub\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir")));
        await mount.RunCheckedAsync("mv", mount.PathOf("dir/b.txt"), mount.PathOf("dir/sub/c.txt"));
        Assert.Equal("a.txt\nsub\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir")));
        Assert.Equal("c.txt\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir/sub")));
        await mount.RunCheckedAsync("rm", mount.PathOf("dir/a.txt"));
        Assert.Equal("sub\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir")));
        Assert.True(File.Exists(Path.Combine(server.RootDirectory, "dir", "sub", "c.txt")), mount.Describe());
    }

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(Releases))]
    public async Task A_file_another_client_adds_shows_in_ls_once_the_listing_cache_expires_though_the_kernel_cached_the_folder(string release)
    {
        LibfuseBuild? build = await LibfuseReleases.BuildAsync(release);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("dir/a.txt", "a"u8);

        // Polling off: only the listing cache's expiry can bring the other client's file.
        await using var mount = await ReleaseMount.StartAsync(server, build, MountUser.Root, "dir_cache_ttl=2,poll_interval=0");
        Assert.Equal("a.txt\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir")));
        Assert.Equal("a.txt\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir")));

        server.CreateFile("dir/b.txt", "b"u8);

        await ShowsAsync(mount, "dir", "a.txt\nb.txt\n");
    }

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(Releases))]
    public async Task A_file_another_client_adds_shows_in_ls_once_a_poll_finds_it_though_the_kernel_cached_the_folder(string release)
    {
        LibfuseBuild? build = await LibfuseReleases.BuildAsync(release);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("dir/a.txt", "a"u8);

        // The listing cache trusts the folder for ten minutes: only the poll can bring the other client's file.
        await using var mount = await ReleaseMount.StartAsync(server, build, MountUser.Root, "dir_cache_ttl=600,poll_interval=1");
        Assert.Equal("a.txt\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir")));
        Assert.Equal("a.txt\n", await mount.RunCheckedAsync("ls", mount.PathOf("dir")));

        server.CreateFile("dir/b.txt", "b"u8);

        await ShowsAsync(mount, "dir", "a.txt\nb.txt\n");
    }

    private static async Task ShowsAsync(ReleaseMount mount, string folder, string expected)
    {
        var last = string.Empty;
        var shown = await Poll.UntilAsync(
            async () => (last = await mount.RunCheckedAsync("ls", mount.PathOf(folder))) == expected,
            ShowsWithin,
            interval: TimeSpan.FromMilliseconds(500));
        Assert.True(shown, $"ls {folder} still shows \"{last}\", not \"{expected}\". {mount.Describe()}");
    }

    /// <summary>
    /// libfuse's trace (-d) of the requests <paramref name="action"/> caused: between two lookups of names that do
    /// not exist, each waited for in the log, since the log reaches us through a pipe after the request was served.
    /// </summary>
    private static async Task<string> RequestsDuringAsync(ReleaseMount mount, string label, Func<Task> action)
    {
        var start = await MarkAsync(mount, $"before-{label}");
        await action();
        var end = await MarkAsync(mount, $"after-{label}");
        var log = mount.Log;
        var from = log.IndexOf(start, StringComparison.Ordinal);
        return log[from..log.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static async Task<string> MarkAsync(ReleaseMount mount, string name)
    {
        var marker = "/marker-" + name;
        await mount.RunAsync("stat", mount.PathOf(marker));
        await Poll.UntilOrFailAsync(() => mount.Log.Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(30), $"{marker} never reached the trace. {mount.Describe()}");
        return marker;
    }

    private static int Count(string requests, string opcode) =>
        Regex.Count(requests, $@"opcode: {opcode} \(");

    private static int Readdirs(string requests) => Count(requests, "READDIR") + Count(requests, "READDIRPLUS");
}
