using System.Security.Cryptography;
using System.Text.Json;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Cli.Tests.Mount;
using FtpMount.Cli.Tests.Reliability;
using FtpMount.Testing;
using FtpMount.Testing.Libfuse;

namespace FtpMount.Cli.Tests.Libfuse;

/// <summary>
/// Issue 15.3: with <c>-o cache=full</c>, a file the read cache holds whole is read by the kernel straight from the
/// cache file (FUSE passthrough) where libfuse (3.17 and later) and the kernel offer it, and through the mount as
/// before where they do not, or where the copy is partial or of another version. The real ftpmount mounts vsftpd as
/// root (registering a backing file needs CAP_SYS_ADMIN) with each libfuse release; the decision is read from the
/// mount's status (opens given passthrough, read requests served), the bytes from sha256sum in the mount.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PassthroughMountTests
{
    private const int FileLength = (6 << 20) + 4097;

    public static TheoryData<string> Releases => new([LibfuseReleases.Machine, "3.17.4", "3.18.2"]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(Releases))]
    public async Task Second_read_after_a_remount_is_served_by_passthrough_where_libfuse_and_the_kernel_offer_it(string release)
    {
        var build = await LibfuseReleases.BuildAsync(release);
        var content = TestData.Bytes(FileLength, seed: 31);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("big.bin", content);
        using var cache = new TempDirectory();

        await ReadOnceAndUnmountAsync(server, build, cache.Path, "big.bin", content);

        await using var mount = await StartAsync(server, build, cache.Path);
        var before = await ReadsAsync(mount);
        Assert.Equal(Hash(content), await HashInMountAsync(mount, "big.bin"));
        var after = await ReadsAsync(mount);

        // Passthrough is a matter of libfuse here: this machine's kernel (6.9 or later) offers it.
        var offered = build is not null && Version.Parse(build.Version) >= new Version(3, 17);
        Assert.True(offered == after.Passthrough, $"passthrough {after.Passthrough} with {release}. {mount.Describe()}");
        if (offered)
        {
            Assert.True(after.PassthroughOpens - before.PassthroughOpens >= 1, $"No open was given passthrough: {after}. {mount.Describe()}");
            Assert.True(after.Requests == before.Requests, $"The mount served {after.Requests - before.Requests} read requests for a file read by passthrough. {mount.Describe()}");
        }
        else
        {
            Assert.Equal(0, after.PassthroughOpens);
            Assert.True(after.Requests > before.Requests, $"No read request reached the mount: {after}. {mount.Describe()}");
            await mount.AssertLoggedAsync("not served by FUSE passthrough");
        }
    }

    [Fact(Timeout = 900_000)]
    public async Task A_file_the_cache_holds_in_part_is_read_through_the_mount_with_the_right_bytes()
    {
        var build = await VendoredLibfuse.GetAsync("3.18.2");
        var content = TestData.Bytes(FileLength, seed: 32);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("big.bin", content);
        using var cache = new TempDirectory();

        await using (var first = await StartAsync(server, build, cache.Path))
        {
            // The first MiB only: the cache holds a part of the file.
            await first.RunCheckedAsync("dd", $"if={first.PathOf("big.bin")}", "of=/dev/null", "bs=1M", "count=1");
            await UnmountAsync(first);
        }

        await using var mount = await StartAsync(server, build, cache.Path);
        var before = await ReadsAsync(mount);
        Assert.Equal(Hash(content), await HashInMountAsync(mount, "big.bin"));
        var after = await ReadsAsync(mount);
        Assert.True(after.Passthrough, mount.Describe());
        Assert.True(after.PassthroughOpens == before.PassthroughOpens, $"A partly cached file was given passthrough: {after}. {mount.Describe()}");
        Assert.True(after.Requests > before.Requests, mount.Describe());
        await mount.AssertLoggedAsync("the read cache does not hold the whole file");
    }

    [Fact(Timeout = 900_000)]
    public async Task A_file_changed_on_the_server_between_mounts_is_read_new_and_not_from_the_old_copy()
    {
        var build = await VendoredLibfuse.GetAsync("3.18.2");
        var content = TestData.Bytes(FileLength, seed: 33);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("big.bin", content);
        using var cache = new TempDirectory();

        await ReadOnceAndUnmountAsync(server, build, cache.Path, "big.bin", content);
        var changed = TestData.Bytes(FileLength - 5000, seed: 34);
        await AnotherFtpClient.StoreAsync(server, "big.bin", changed);

        await using var mount = await StartAsync(server, build, cache.Path);
        var before = await ReadsAsync(mount);
        Assert.Equal(Hash(changed), await HashInMountAsync(mount, "big.bin"));
        var after = await ReadsAsync(mount);
        Assert.True(after.PassthroughOpens == before.PassthroughOpens, $"The old version's copy was given passthrough: {after}. {mount.Describe()}");

        // Read whole once, the new version is now the cache's, and the next open gets passthrough with its bytes.
        Assert.Equal(Hash(changed), await HashInMountAsync(mount, "big.bin"));
        var last = await ReadsAsync(mount);
        Assert.True(last.PassthroughOpens > after.PassthroughOpens, $"{last}. {mount.Describe()}");
    }

    /// <summary>
    /// A reader holds the file open through passthrough while another program writes it through the mount: the write
    /// reaches the server, opens after it read the new bytes, and the reader keeps reading the version it opened
    /// whole (its backing file is never rewritten; the cache starts a new file for the new version).
    /// </summary>
    [Fact(Timeout = 900_000)]
    public async Task Writing_a_file_a_passthrough_reader_holds_open_reaches_the_server_and_the_reader_keeps_its_version()
    {
        const string Script = """
            import hashlib, sys
            path = sys.argv[1]
            reader = open(path, 'rb')
            head = reader.read(4096)
            with open(path, 'r+b') as writer:
                writer.seek(0)
                writer.write(b'W' * 16)
            with open(path, 'rb') as later:
                print(later.read(16).decode('latin-1'))
            reader.seek(0)
            print(hashlib.sha256(reader.read()).hexdigest())
            """;
        var build = await VendoredLibfuse.GetAsync("3.18.2");
        var content = TestData.Bytes(FileLength, seed: 35);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("big.bin", content);
        using var cache = new TempDirectory();

        await ReadOnceAndUnmountAsync(server, build, cache.Path, "big.bin", content);

        await using var mount = await StartAsync(server, build, cache.Path);
        var before = await ReadsAsync(mount);
        var lines = (await mount.RunCheckedAsync("/usr/bin/python3", "-c", Script, mount.PathOf("big.bin"))).Split('\n');
        var after = await ReadsAsync(mount);
        Assert.True(after.PassthroughOpens > before.PassthroughOpens, $"The reader was not given passthrough: {after}. {mount.Describe()}");
        Assert.Equal(new string('W', 16), lines[0]);
        Assert.Equal(Hash(content), lines[1]);

        var expected = (byte[])content.Clone();
        "WWWWWWWWWWWWWWWW"u8.CopyTo(expected);
        Assert.Equal(Hash(expected), await ExternalProgram.Sha256Async(Path.Combine(server.RootDirectory, "big.bin")));
        Assert.Equal(Hash(expected), await HashInMountAsync(mount, "big.bin"));
    }

    /// <summary>Registering a backing file needs CAP_SYS_ADMIN: an unprivileged mount is refused it and reads as before.</summary>
    [Fact(Timeout = 900_000)]
    public async Task As_an_unprivileged_user_the_kernel_refuses_passthrough_and_reads_go_through_the_mount()
    {
        var build = await VendoredLibfuse.GetAsync("3.18.2");
        var user = await MountUser.TestUserAsync();
        var content = TestData.Bytes(FileLength, seed: 36);
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("big.bin", content);
        using var cache = new TempDirectory();
        await user.GiveAsync(cache.Path);

        await ReadOnceAndUnmountAsync(server, build, cache.Path, "big.bin", content, user);

        await using var mount = await StartAsync(server, build, cache.Path, user);
        var before = await ReadsAsync(mount);
        Assert.Equal(Hash(content), await HashInMountAsync(mount, "big.bin"));
        var after = await ReadsAsync(mount);
        Assert.False(after.Passthrough, $"{after}. {mount.Describe()}");
        Assert.Equal(0, after.PassthroughOpens);
        Assert.True(after.Requests > before.Requests, mount.Describe());
        await mount.AssertLoggedAsync("the kernel refused the cache file as a backing file (errno 1)");
    }

    private static async Task ReadOnceAndUnmountAsync(FtpTestServer server, LibfuseBuild? build, string cache, string name, byte[] content, MountUser? user = null)
    {
        await using var first = await StartAsync(server, build, cache, user);
        Assert.Equal(Hash(content), await HashInMountAsync(first, name));
        await UnmountAsync(first);
    }

    private static Task<ReleaseMount> StartAsync(FtpTestServer server, LibfuseBuild? build, string cache, MountUser? user = null) =>
        ReleaseMount.StartAsync(server, build, user ?? MountUser.Root, $"cache=full,cache_dir={cache},log_level=debug");

    /// <summary>`ftpmount unmount`, and the process's end: the cache's range records are written as it ends.</summary>
    private static async Task UnmountAsync(ReleaseMount mount)
    {
        var unmount = await mount.RunAsync("env", "HOME=/tmp", DotnetHost, FtpmountBinary.DllPath, "unmount", mount.MountPoint);
        Assert.True(unmount.ExitCode == 0, $"{unmount} {mount.Describe()}");
        Assert.True(await mount.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"ftpmount did not end after the unmount. {mount.Describe()}");
    }

    private static async Task<Reads> ReadsAsync(ReleaseMount mount)
    {
        var json = await mount.RunCheckedAsync("env", "HOME=/tmp", DotnetHost, FtpmountBinary.DllPath, "status", "--json", mount.MountPoint);
        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.TryGetProperty("reads", out var reads) && reads.ValueKind == JsonValueKind.Object, $"No reads in the status: {json}");
        return new Reads(
            reads.GetProperty("requests").GetInt64(),
            reads.GetProperty("passthroughOpens").GetInt64(),
            reads.GetProperty("passthrough").GetBoolean());
    }

    private static async Task<string> HashInMountAsync(ReleaseMount mount, string name) =>
        (await mount.RunCheckedAsync("sha256sum", "-b", mount.PathOf(name))).Split(' ')[0];

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private sealed record Reads(long Requests, long PassthroughOpens, bool Passthrough);
}
