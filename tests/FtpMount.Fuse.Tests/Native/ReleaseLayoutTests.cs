using FtpMount.Fuse.Native;
using FtpMount.Testing.Libfuse;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// For each libfuse release users' distributions ship (built once per machine from ../shared/vendor/libfuse):
/// the loader, given only that build, finds it, reads its version and binds the entry points that release exports;
/// and layout.c compiled against that release's headers agrees with every mirror and with the bit masks chosen.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReleaseLayoutTests
{
    public static TheoryData<string> Releases => new(VendoredLibfuse.Versions);

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(Releases))]
    public async Task Loader_binds_the_entry_points_the_release_exports(string version)
    {
        LibfuseBuild build = await VendoredLibfuse.GetAsync(version);
        var loader = new BuildLibraryLoader(build);

        FuseRelease release = FuseReleaseLoader.Load(loader);

        Assert.Equal(Version.Parse(version), release.Version);
        Assert.Equal(build.Soname, release.LibraryName);
        Assert.Equal("libfuse3.so.4", loader.Requested[0]);
        var v = release.Version;
        Assert.Equal(v >= new Version(3, 13) ? "fuse_new_31" : "fuse_new", release.NewEntryPoint);
        Assert.Equal(v >= new Version(3, 12) ? "fuse_loop_mt_312" : "fuse_loop_mt", release.LoopEntryPoint);
    }

    [Theory(Timeout = 900_000)]
    [MemberData(nameof(Releases))]
    public async Task Every_mirror_and_the_chosen_bit_masks_match_the_release_headers(string version)
    {
        LibfuseBuild build = await VendoredLibfuse.GetAsync(version);
        LayoutProgram c = LayoutProgram.CompileAndRun(build.PkgConfigDirectory);
        Assert.Equal(version, c.PackageVersion);
        foreach (string cName in LayoutChecks.Mirrors.Keys)
        {
            LayoutChecks.AssertMirror(c, cName);
        }

        LayoutChecks.AssertRelease(c, FuseReleaseLoader.Load(new BuildLibraryLoader(build)));
    }
}
