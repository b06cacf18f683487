using FtpMount.Testing.Hostile;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Issue 11 point 15: a name the server lists with more than 255 bytes in one component was shown by <c>ls</c> but
/// gave EINVAL on stat/open, which broke <c>ls -l</c>, <c>cp -r</c> and <c>rm -r</c>. Such names are left out of
/// listings and logged, as other unusable names are. Runs with MLSD and with LIST only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LongNameListingTests
{
    public static TheoryData<bool> ListingKinds => new() { true, false };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ListingKinds))]
    public async Task Names_over_255_bytes_are_left_out_of_listings_so_ls_l_cp_r_and_rm_r_work(bool mlsd)
    {
        var longName = new string('L', 300);
        var options = new HostileFtpServerOptions
        {
            Features = mlsd ? HostileFtpServerOptions.DefaultFeatures : HostileFtpServerOptions.ListOnlyFeatures,
        };
        await using var mount = await MountedServer.StartHostileAsync(options, seed: s =>
        {
            s.CreateFile("dir/ok.txt", "ok"u8);
            s.AddListedEntries("/dir", ListedEntry.File(longName, 3), ListedEntry.File(new string('語', 86), 3));
        });
        var copy = Directory.CreateTempSubdirectory("ftpmount-longname-copy-").FullName;
        try
        {
            var listing = await ExternalProgram.RunCheckedAsync("ls", "-la", mount.PathOf("dir"));
            Assert.Contains("ok.txt", listing, StringComparison.Ordinal);
            Assert.DoesNotContain("LLLL", listing, StringComparison.Ordinal);
            Assert.DoesNotContain("語語", listing, StringComparison.Ordinal);

            await ExternalProgram.RunCheckedAsync("cp", "-r", mount.PathOf("dir"), copy);
            Assert.Equal(["ok.txt"], Directory.GetFileSystemEntries(Path.Combine(copy, "dir")).Select(Path.GetFileName));

            await ExternalProgram.RunCheckedAsync("rm", "-r", mount.PathOf("dir"));
            Assert.False(Directory.Exists(mount.ServerPathOf("dir")), mount.Describe());
            Assert.Contains("name longer than 255 bytes", mount.Ftpmount!.Log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
