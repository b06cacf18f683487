using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>mv, rm, mkdir and rmdir change the server's names the way they change local ones.</summary>
[Trait("Category", "Integration")]
public sealed class NamespaceTests
{
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Mv_renames_and_replaces_rm_removes_and_mkdir_p_creates_nested_directories(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        mount.Server.CreateFile("a.txt", "first\n"u8);
        mount.Server.CreateFile("b.txt", "second\n"u8);

        await ExternalProgram.RunCheckedAsync("mv", mount.PathOf("a.txt"), mount.PathOf("c.txt"));
        Assert.False(File.Exists(mount.ServerPathOf("a.txt")));
        Assert.Equal("first\n", await File.ReadAllTextAsync(mount.ServerPathOf("c.txt"), TestContext.Current.CancellationToken));

        await ExternalProgram.RunCheckedAsync("mv", mount.PathOf("c.txt"), mount.PathOf("b.txt"));
        Assert.False(File.Exists(mount.ServerPathOf("c.txt")));
        Assert.Equal("first\n", await File.ReadAllTextAsync(mount.ServerPathOf("b.txt"), TestContext.Current.CancellationToken));
        Assert.Equal("first\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("b.txt")));

        await ExternalProgram.RunCheckedAsync("mkdir", "-p", mount.PathOf("a/b/c"));
        Assert.True(Directory.Exists(mount.ServerPathOf("a/b/c")), mount.Describe());
        Assert.Equal("directory\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%F", mount.PathOf("a/b/c")));

        await ExternalProgram.RunCheckedAsync("mv", mount.PathOf("b.txt"), mount.PathOf("a/b/c/"));
        Assert.Equal("first\n", await File.ReadAllTextAsync(mount.ServerPathOf("a/b/c/b.txt"), TestContext.Current.CancellationToken));
        Assert.Equal("b.txt\n", await ExternalProgram.RunCheckedAsync("ls", mount.PathOf("a/b/c")));

        await ExternalProgram.RunCheckedAsync("mv", mount.PathOf("a/b"), mount.PathOf("moved"));
        Assert.False(Directory.Exists(mount.ServerPathOf("a/b")));
        Assert.Equal("first\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("moved/c/b.txt")));

        await ExternalProgram.RunCheckedAsync("rm", mount.PathOf("moved/c/b.txt"));
        Assert.False(File.Exists(mount.ServerPathOf("moved/c/b.txt")));
        var gone = await ExternalProgram.RunAsync("stat", mount.PathOf("moved/c/b.txt"));
        Assert.Contains("No such file or directory", gone.Error, StringComparison.Ordinal);

        await ExternalProgram.RunCheckedAsync("rmdir", mount.PathOf("moved/c"));
        Assert.False(Directory.Exists(mount.ServerPathOf("moved/c")));
        Assert.Equal(string.Empty, await ExternalProgram.RunCheckedAsync("ls", "-A", mount.PathOf("moved")));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Rmdir_of_a_non_empty_directory_fails_with_ENOTEMPTY_and_keeps_it(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        await ExternalProgram.RunCheckedAsync("mkdir", "-p", mount.PathOf("full/inner"));
        await ExternalProgram.RunCheckedAsync("sh", "-c", "echo kept > \"$1\"", "sh", mount.PathOf("full/inner/file.txt"));

        var outer = await ExternalProgram.RunAsync("rmdir", mount.PathOf("full"));
        Assert.NotEqual(0, outer.ExitCode);
        Assert.Contains("Directory not empty", outer.Error, StringComparison.Ordinal);
        var inner = await ExternalProgram.RunAsync("rmdir", mount.PathOf("full/inner"));
        Assert.NotEqual(0, inner.ExitCode);
        Assert.Contains("Directory not empty", inner.Error, StringComparison.Ordinal);

        Assert.Equal("kept\n", await File.ReadAllTextAsync(mount.ServerPathOf("full/inner/file.txt"), TestContext.Current.CancellationToken));
        Assert.Equal("kept\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("full/inner/file.txt")));

        await ExternalProgram.RunCheckedAsync("rm", "-r", mount.PathOf("full"));
        Assert.False(Directory.Exists(mount.ServerPathOf("full")));
    }
}
