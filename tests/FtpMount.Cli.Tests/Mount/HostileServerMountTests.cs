using FtpMount.Testing.Hostile;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// The in-process scriptable server, left to behave, is real enough for the real ftpmount binary and ordinary
/// programs: what the misbehaviour tests build on. Runs with MLSD and with LIST only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HostileServerMountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool> ListingKinds => new() { true, false };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ListingKinds))]
    public async Task Programs_read_write_list_rename_append_truncate_and_delete_on_a_mount_of_it(bool mlsd)
    {
        var options = new HostileFtpServerOptions
        {
            Features = mlsd ? HostileFtpServerOptions.DefaultFeatures : HostileFtpServerOptions.ListOnlyFeatures,
        };
        await using var mount = await MountedServer.StartHostileAsync(options, seed: s =>
        {
            s.CreateFile("dir/hello.txt", "hello\n"u8);
            s.CreateFile("big.bin", Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 13)).ToArray());
        });
        var server = mount.Hostile;

        Assert.Equal("hello\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("dir/hello.txt")));
        var listing = await ExternalProgram.RunCheckedAsync("ls", "-l", mount.MountPoint);
        Assert.Contains(" 3000000 ", listing, StringComparison.Ordinal);
        Assert.Contains("big.bin", listing, StringComparison.Ordinal);
        Assert.Equal(
            await ExternalProgram.Sha256Async(server.PathOf("big.bin")),
            await ExternalProgram.Sha256Async(mount.PathOf("big.bin")));

        await ExternalProgram.RunCheckedAsync("cp", mount.PathOf("big.bin"), mount.PathOf("dir/copy.bin"));
        Assert.Equal(await File.ReadAllBytesAsync(server.PathOf("big.bin"), Ct), await File.ReadAllBytesAsync(server.PathOf("dir/copy.bin"), Ct));
        await ExternalProgram.RunCheckedAsync("sh", "-c", "echo more >> \"$1\"", "sh", mount.PathOf("dir/hello.txt"));
        Assert.Equal("hello\nmore\n", await File.ReadAllTextAsync(server.PathOf("dir/hello.txt"), Ct));
        await ExternalProgram.RunCheckedAsync("truncate", "-s", "3", mount.PathOf("dir/hello.txt"));
        Assert.Equal("hel", await File.ReadAllTextAsync(server.PathOf("dir/hello.txt"), Ct));
        await ExternalProgram.PythonAsync(
            "import sys\nwith open(sys.argv[1], 'r+b') as f:\n    f.seek(1)\n    f.write(b'EY')\n", mount.PathOf("dir/hello.txt"));
        Assert.Equal("hEY", await File.ReadAllTextAsync(server.PathOf("dir/hello.txt"), Ct));
        await ExternalProgram.RunCheckedAsync("mv", mount.PathOf("dir/hello.txt"), mount.PathOf("moved.txt"));
        Assert.True(File.Exists(server.PathOf("moved.txt")));
        await ExternalProgram.RunCheckedAsync("rm", mount.PathOf("moved.txt"), mount.PathOf("dir/copy.bin"));
        await ExternalProgram.RunCheckedAsync("rmdir", mount.PathOf("dir"));
        Assert.Equal(["big.bin"], Directory.GetFileSystemEntries(server.RootDirectory).Select(Path.GetFileName));
        Assert.True(mlsd ? server.Commands.Count("MLSD") > 0 : server.Commands.Count("LIST") > 0, server.Commands.ToString());
    }
}
