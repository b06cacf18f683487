using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace FtpMount.Dokan.Tests.Dokany;

/// <summary>
/// The unmodified dokany sources of each release the binding supports, unpacked from
/// <c>&lt;repo&gt;/../shared/vendor/dokany/*.tar.gz</c> (see its README.md) into a cache folder under the temp
/// directory, once per archive content: the folder's name carries the archive's SHA-256.
/// </summary>
internal static class DokanySources
{
    /// <summary>The releases checked: 2.0.6, the oldest 2.x still installed in the field, and 2.3.1, the newest.</summary>
    public static readonly string[] Releases = ["2.0.6", "2.3.1"];

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Unpacked = [];

    /// <summary>The unpacked tree of <paramref name="release"/> (holding dokan/, sys/, samples/).</summary>
    public static string Root(string release)
    {
        lock (Gate)
        {
            if (!Unpacked.TryGetValue(release, out var root))
            {
                root = Unpack(release);
                Unpacked[release] = root;
            }

            return root;
        }
    }

    public static string Read(string release, string relativePath)
    {
        var path = Path.Combine(Root(release), relativePath);
        Assert.True(File.Exists(path), $"dokany {release} has no {relativePath} (looked in {path})");
        return File.ReadAllText(path);
    }

    private static string Unpack(string release)
    {
        var archive = Path.Combine(VendorDirectory(), $"dokany-v{release}.1000.tar.gz");
        Assert.True(File.Exists(archive), $"{archive} is missing: the dokany sources live in <repo>/../shared/vendor/dokany (see its README.md).");
        string hash;
        using (var stream = File.OpenRead(archive))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
        }

        var target = Path.Combine(Path.GetTempPath(), $"ftpmount-dokany-{release}-{hash}");
        var tree = Path.Combine(target, $"dokany-v{release}.1000");
        if (Directory.Exists(tree))
        {
            return tree;
        }

        // Unpacked beside the target and renamed into place, so a concurrent test process never sees half a tree.
        var staging = Directory.CreateTempSubdirectory($"ftpmount-dokany-{release}-").FullName;
        try
        {
            using (var file = File.OpenRead(archive))
            using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            {
                TarFile.ExtractToDirectory(gzip, staging, overwriteFiles: false);
            }

            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(tree))
        {
            // Another process won the race; its tree is the same archive's.
            Directory.Delete(staging, recursive: true);
        }

        Assert.True(Directory.Exists(tree), $"{archive} did not unpack to dokany-v{release}.1000/");
        return tree;
    }

    private static string VendorDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FtpMount.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "vendor", "dokany"));
            }
        }

        throw new InvalidOperationException("FtpMount.sln not found above the test assembly.");
    }
}
