using System.Globalization;
using FtpMount.Bench.Processes;
using FtpMount.Testing;

namespace FtpMount.Bench.Data;

/// <summary>
/// Puts the read-side test data straight into the server's RootDirectory, owned by the FTP user: the big file
/// (a hard link to the local copy, so 1 GiB is not copied again) and the listing trees.
/// </summary>
internal sealed class ServerFiles(FtpTestServer server)
{
    public string Local(string relativePath) => Path.Combine(server.RootDirectory, relativePath);

    public async Task PlaceBigFileAsync(string localFile, string name, CancellationToken cancellationToken)
    {
        var target = Local(name);
        var linked = await CommandRunner.RunAsync("ln", [localFile, target], TimeSpan.FromMinutes(1), cancellationToken)
            .ConfigureAwait(false);
        if (!linked.Succeeded)
        {
            File.Copy(localFile, target, overwrite: true);
        }

        server.GiveToTestUser(target);
    }

    /// <summary>Creates tree-DxF/dNNNN/fNN.txt (D folders of F files of 64 bytes) and returns its name under the root.</summary>
    public string CreateTree(int directories, int filesPerDirectory)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"tree-{directories}x{filesPerDirectory}");
        var root = Local(name);
        if (Directory.Exists(root))
        {
            return name;
        }

        var content = new byte[64];
        for (var d = 0; d < directories; d++)
        {
            var folder = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"d{d:D4}"));
            Directory.CreateDirectory(folder);
            for (var f = 0; f < filesPerDirectory; f++)
            {
                content.AsSpan().Fill((byte)('a' + (f % 26)));
                File.WriteAllBytes(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"f{f:D2}.txt")), content);
            }
        }

        server.GiveToTestUser(root);
        return name;
    }
}
