using System.Globalization;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>Unpacking an archive of a few hundred files into the mount reproduces the tree exactly, on the server too.</summary>
[Trait("Category", "Integration")]
public sealed class TreeTests
{
    private const int Directories = 30;
    private const int FilesPerDirectory = 10;

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Tar_x_of_300_files_in_30_directories_gives_an_identical_tree(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        using var local = new TempDirectory();
        var tree = Path.Combine(local.Path, "tree");
        MakeTree(tree, new Random(6));
        var archive = Path.Combine(local.Path, "tree.tar");
        await ExternalProgram.RunCheckedAsync("tar", "-cf", archive, "-C", tree, ".");

        await ExternalProgram.RunCheckedAsync("mkdir", mount.PathOf("unpacked"));
        var untar = await ExternalProgram.RunAsync("tar", ["-xf", archive, "-C", mount.PathOf("unpacked")], TimeSpan.FromMinutes(4));
        Assert.True(untar.ExitCode == 0, $"{untar} {mount.Describe()}");

        var throughMount = await ExternalProgram.RunAsync("diff", "-r", tree, mount.PathOf("unpacked"));
        Assert.True(throughMount.ExitCode == 0, $"{throughMount} {throughMount.Output}");
        var onServer = await ExternalProgram.RunAsync("diff", "-r", tree, mount.ServerPathOf("unpacked"));
        Assert.True(onServer.ExitCode == 0, $"{onServer} {onServer.Output}");
        Assert.Equal(
            (Directories * FilesPerDirectory).ToString(CultureInfo.InvariantCulture) + "\n",
            await ExternalProgram.RunCheckedAsync("sh", "-c", "find \"$1\" -type f | wc -l", "sh", mount.PathOf("unpacked")));
    }

    /// <summary>30 directories, a third of them nested one level, each with 10 files from empty to 150 KB.</summary>
    internal static void MakeTree(string root, Random random)
    {
        for (var d = 0; d < Directories; d++)
        {
            var directory = d % 3 == 2
                ? Path.Combine(root, $"dir-{d - 1:D2}", $"sub-{d:D2}")
                : Path.Combine(root, $"dir-{d:D2}");
            Directory.CreateDirectory(directory);
            for (var f = 0; f < FilesPerDirectory; f++)
            {
                var content = new byte[random.Next(4) == 0 ? random.Next(0, 150_000) : random.Next(0, 5_000)];
                random.NextBytes(content);
                File.WriteAllBytes(Path.Combine(directory, $"file-{f}.bin"), content);
            }
        }
    }
}
