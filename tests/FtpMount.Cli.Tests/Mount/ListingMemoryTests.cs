using System.Globalization;
using FtpMount.Testing.Hostile;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Issue 11 point 12: three sibling folders with 62 MiB listings (3.1 million short lines each) took the mount to
/// 5.7 GB RSS, as the only bound was 64 MiB of text per listing and sibling prefetch fetched several at once. Each
/// listing is now bounded in entries, and only one listing above 1 MiB is held at a time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ListingMemoryTests(ITestOutputHelper output)
{
    private const int LinesPerFolder = 3_100_000;

    private static readonly string[] Huge = ["huge1", "huge2", "huge3"];

    [Fact(Timeout = 300_000)]
    public async Task Three_sibling_folders_of_three_million_entries_fail_alone_and_the_mount_stays_small()
    {
        await using var mount = await MountedServer.StartHostileAsync(seed: s =>
        {
            s.CreateFile("small/a.txt", "still here"u8);
            foreach (var folder in Huge)
            {
                s.CreateFile($"{folder}/.keep", ""u8);
                s.GenerateListing("/" + folder, Lines);
            }
        });

        // A walk of the root lists each folder and starts sibling prefetch of the others at once.
        var walks = Huge.Select(f => ExternalProgram.RunAsync("ls", mount.PathOf(f))).ToList();
        walks.Add(ExternalProgram.RunAsync("ls", "-R", mount.MountPoint));
        var results = await Task.WhenAll(walks);
        var peak = PeakRssBytes(mount.Ftpmount!.Id);
        output.WriteLine($"ftpmount VmHWM after listing 3 x {LinesPerFolder} entries: {peak / (1024 * 1024)} MiB");

        foreach (var result in results.Take(Huge.Length))
        {
            Assert.True(result.ExitCode != 0, $"{result}\n{mount.Describe()}");
            Assert.Contains("Input/output error", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal("still here", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("small/a.txt")));
        Assert.Contains("small", await ExternalProgram.RunCheckedAsync("ls", mount.MountPoint), StringComparison.Ordinal);
        Assert.Contains("listed more than 250000 entries; refused", mount.Ftpmount.Log, StringComparison.Ordinal);
        Assert.True(peak < 512L * 1024 * 1024, $"peak RSS {peak / (1024 * 1024)} MiB");
    }

    private static IEnumerable<ListedEntry> Lines()
    {
        for (var i = 0; i < LinesPerFolder; i++)
        {
            yield return ListedEntry.File(i.ToString("x7", CultureInfo.InvariantCulture), 1);
        }
    }

    /// <summary>The process's peak resident set (VmHWM), from /proc.</summary>
    private static long PeakRssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmHWM line");
    }
}
