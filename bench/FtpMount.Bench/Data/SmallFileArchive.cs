using System.Globalization;
using FtpMount.Bench.Processes;

namespace FtpMount.Bench.Data;

/// <summary>
/// The untar workload's input: N small files (0.5 to 8 KiB, 20 per folder, fixed seed) as a tar archive, plus the
/// unpacked folder the server copy is compared with (diff -r).
/// </summary>
internal sealed record SmallFileArchive(string ArchivePath, string ReferenceDirectory, int FileCount, long TotalBytes)
{
    private const int FilesPerDirectory = 20;

    public static async Task<SmallFileArchive> EnsureAsync(string directory, int files, CancellationToken cancellationToken)
    {
        var reference = Path.Combine(directory, $"tar-src-{files}");
        var archive = Path.Combine(directory, $"tar-{files}.tar");
        var random = new Random(files);
        long total = 0;
        var contents = new List<(string Path, byte[] Bytes)>(files);
        for (var i = 0; i < files; i++)
        {
            var bytes = new byte[random.Next(512, 8 * 1024 + 1)];
            random.NextBytes(bytes);
            var name = string.Create(CultureInfo.InvariantCulture, $"d{i / FilesPerDirectory:D4}/f{i:D5}.dat");
            contents.Add((Path.Combine(reference, name), bytes));
            total += bytes.Length;
        }

        if (File.Exists(archive) && Directory.Exists(reference))
        {
            return new SmallFileArchive(archive, reference, files, total);
        }

        if (Directory.Exists(reference))
        {
            Directory.Delete(reference, recursive: true);
        }

        foreach (var (path, bytes) in contents)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        }

        await CommandRunner.RunCheckedAsync(
            "tar", ["-cf", archive + ".tmp", "-C", reference, "."], TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        File.Move(archive + ".tmp", archive, overwrite: true);
        return new SmallFileArchive(archive, reference, files, total);
    }
}
