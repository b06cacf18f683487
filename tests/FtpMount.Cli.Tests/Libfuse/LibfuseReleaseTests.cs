using System.Text;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Cli.Tests.Mount;
using FtpMount.Testing;
using FtpMount.Testing.Libfuse;

namespace FtpMount.Cli.Tests.Libfuse;

/// <summary>
/// The real ftpmount, with each libfuse release users run (the machine's 3.14 and the vendored 3.10.5, 3.16.2,
/// 3.17.4 and 3.18.2, with the machine's own library hidden), mounts vsftpd and serves a short session of ordinary
/// programs: ls, cat, cp in and out (SHA-256 on both sides), mkdir, mv, rm, rmdir, a name that is not UTF-8, and
/// `ftpmount unmount`. As root, libfuse mounts with mount(2); as the unprivileged test user it runs the machine's
/// setuid fusermount3 (the vendored builds ship none), which `ftpmount unmount` also uses.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LibfuseReleaseTests
{
    private const string NotUtf8Script = """
        import errno, os, sys
        root = os.fsencode(sys.argv[1])
        results = []
        for name in (b'a\xff', b'a\xfe'):
            try:
                fd = os.open(root + b'/' + name, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o644)
                os.write(fd, name)
                os.close(fd)
                results.append('created')
            except OSError as e:
                results.append(errno.errorcode.get(e.errno, str(e.errno)))
        print(' '.join(results))
        """;

    public static TheoryData<string, string> ReleasesAndUsers
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var release in LibfuseReleases.All)
            {
                data.Add(release, "user");
                data.Add(release, "root");
            }

            return data;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(ReleasesAndUsers))]
    public async Task Release_mounts_serves_ls_cat_cp_mv_rm_mkdir_rmdir_and_unmounts(string release, string who)
    {
        LibfuseBuild? build = await LibfuseReleases.BuildAsync(release);
        var user = who == "root" ? MountUser.Root : await MountUser.TestUserAsync();
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, ct: Ct);
        server.CreateFile("hello.txt", "hello from the server\n"u8);
        var served = RandomBytes(2 * 1024 * 1024 + 17, seed: 1);
        server.CreateFile("served.bin", served);
        using var scratch = new TempDirectory();
        await File.WriteAllBytesAsync(Path.Combine(scratch.Path, "in.bin"), RandomBytes(3 * 1024 * 1024 + 123, seed: 2), Ct);
        await user.GiveAsync(scratch.Path);

        await using var mount = await ReleaseMount.StartAsync(server, build, user);

        // The release asked for is the one mapped, and it says so in the log.
        var mapped = mount.MappedLibfuse();
        Assert.True(mapped.Count == 1, $"libfuse mappings: {string.Join(", ", mapped)}. {mount.Describe()}");
        if (build is not null)
        {
            Assert.EndsWith(build.LibraryDirectory + "/" + Path.GetFileName(mapped[0]), mapped[0], StringComparison.Ordinal);
        }

        await mount.AssertLoggedAsync($"Using {LibfuseReleases.Expected(build)}");

        var listing = await mount.RunCheckedAsync("ls", "-la", mount.MountPoint);
        Assert.Contains("hello.txt", listing, StringComparison.Ordinal);
        Assert.Contains("served.bin", listing, StringComparison.Ordinal);
        Assert.Equal("hello from the server\n", await mount.RunCheckedAsync("cat", mount.PathOf("hello.txt")));

        var localIn = Path.Combine(scratch.Path, "in.bin");
        await mount.RunCheckedAsync("cp", localIn, mount.PathOf("in.bin"));
        var inSum = await ExternalProgram.Sha256Async(localIn);
        Assert.Equal(inSum, await ExternalProgram.Sha256Async(Path.Combine(server.RootDirectory, "in.bin")));
        Assert.StartsWith(inSum, await mount.RunCheckedAsync("sha256sum", "-b", mount.PathOf("in.bin")), StringComparison.Ordinal);

        var localOut = Path.Combine(scratch.Path, "out.bin");
        await mount.RunCheckedAsync("cp", mount.PathOf("served.bin"), localOut);
        Assert.Equal(await ExternalProgram.Sha256Async(Path.Combine(server.RootDirectory, "served.bin")), await ExternalProgram.Sha256Async(localOut));

        await mount.RunCheckedAsync("mkdir", mount.PathOf("dir"));
        Assert.True(Directory.Exists(Path.Combine(server.RootDirectory, "dir")), mount.Describe());
        await mount.RunCheckedAsync("mv", mount.PathOf("in.bin"), mount.PathOf("dir/moved.bin"));
        Assert.False(File.Exists(Path.Combine(server.RootDirectory, "in.bin")), mount.Describe());
        Assert.Equal(inSum, await ExternalProgram.Sha256Async(Path.Combine(server.RootDirectory, "dir", "moved.bin")));
        await mount.RunCheckedAsync("rm", mount.PathOf("dir/moved.bin"));
        Assert.False(File.Exists(Path.Combine(server.RootDirectory, "dir", "moved.bin")), mount.Describe());
        await mount.RunCheckedAsync("rmdir", mount.PathOf("dir"));
        Assert.False(Directory.Exists(Path.Combine(server.RootDirectory, "dir")), mount.Describe());

        // Two names that differ only in bytes that are not UTF-8 must not become one remote name.
        Assert.Equal("EILSEQ EILSEQ\n", await mount.RunCheckedAsync("/usr/bin/python3", "-c", NotUtf8Script, mount.MountPoint));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(server.RootDirectory), path => Path.GetFileName(path).StartsWith('a'));

        var unmount = await mount.RunAsync("env", "HOME=/tmp", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", FtpmountBinary.DllPath, "unmount", mount.MountPoint);
        Assert.True(unmount.ExitCode == 0, $"{unmount} {mount.Describe()}");
        Assert.True(await mount.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"ftpmount did not end after the unmount. {mount.Describe()}");
        Assert.True(mount.ExitCode == 0, mount.Describe());
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
