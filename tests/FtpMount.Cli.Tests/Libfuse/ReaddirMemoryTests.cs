using FtpMount.Testing.Libfuse;

namespace FtpMount.Cli.Tests.Libfuse;

/// <summary>
/// Listing names must not cost memory for the life of the mount. libfuse's high-level READDIRPLUS takes a node
/// reference for every name filled with FUSE_FILL_DIR_PLUS, and up to 3.16 the kernel never learns of it (it gets
/// ino 0), so the node table grew by every distinct name ever listed. The mount process here is
/// FtpMount.Fuse.ListingHost, which serves generated names through the binding and keeps nothing itself (ftpmount's
/// own listing cache would hide the difference); 200,000 distinct names are listed, each folder twice, and its
/// resident memory must stay within a bound that the node table's growth breaks several times over.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReaddirMemoryTests
{
    private const int MeasuredFolders = 8;
    private const int NamesPerFolder = 25_000;

    // With FUSE_FILL_DIR_PLUS, libfuse 3.10.5/3.14/3.16.2 grew by 5.2-7 MB per 25,000 of these names (a 152-byte node,
    // its strdup'ed 44-byte name, hash table slots), 45-60 MB over the 200,000. Without it every release grows by
    // 0.7-1.1 MB, with the listing host's GC budget and malloc arenas kept small (StartListingHostAsync).
    private const long AllowedGrowth = 16L * 1024 * 1024;

    public static TheoryData<string> Releases => new(LibfuseReleases.All);

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(Releases))]
    public async Task Listing_200000_distinct_names_leaves_resident_memory_flat(string release)
    {
        LibfuseBuild? build = await LibfuseReleases.BuildAsync(release);
        await using var mount = await ReleaseMount.StartListingHostAsync(build, MeasuredFolders + 1, NamesPerFolder);
        await mount.AssertLoggedAsync($"Using {LibfuseReleases.Expected(build)}");

        // f0 warms up: JIT, the runtime's and libfuse's buffers for a listing this size.
        await ListTwiceAsync(mount, "f0");
        var before = mount.ResidentBytes();
        for (var folder = 1; folder <= MeasuredFolders; folder++)
        {
            await ListTwiceAsync(mount, $"f{folder}");
        }

        var after = mount.ResidentBytes();
        Assert.True(
            after - before < AllowedGrowth,
            $"Resident memory grew by {(after - before) / 1024} KiB (from {before / 1024} to {after / 1024} KiB) over {MeasuredFolders * NamesPerFolder} names listed. {mount.Describe()}");
    }

    private static async Task ListTwiceAsync(ReleaseMount mount, string folder)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            // -f: getdents only, no stat per name, as a program that only wants the names does.
            var names = await mount.RunCheckedAsync("ls", "-f", mount.PathOf(folder));
            Assert.Equal(NamesPerFolder + 2, names.Count(c => c == '\n'));
        }
    }
}
