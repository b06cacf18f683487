using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// How the loader picks library, version, entry points and bit layout from what a library exports, with fake export
/// tables taken from <c>nm -D</c> of each release (ReleaseLayoutTests does the same against real builds).
/// </summary>
public sealed class FuseReleaseLoaderTests
{
    [Fact]
    public void No_library_names_both_sonames_and_the_package_to_install()
    {
        var loader = FakeLibfuse.Nothing();

        var error = Assert.Throws<FuseLibraryException>(() => FuseReleaseLoader.Load(loader));

        Assert.Equal(["libfuse3.so.4", "libfuse3.so.3"], loader.Requested);
        Assert.Contains("libfuse3.so.4", error.Message, StringComparison.Ordinal);
        Assert.Contains("libfuse3.so.3", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt install fuse3", error.Message, StringComparison.Ordinal);
        Assert.Contains("dnf install fuse3", error.Message, StringComparison.Ordinal);
        Assert.Contains("pacman -S fuse3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.18.2", false)]
    [InlineData("3.18", false)]
    [InlineData("3.14.0", false)]
    [InlineData("3.19.0", true)]
    [InlineData("4.0", true)]
    public void A_release_is_newer_than_tested_only_by_its_release_line(string version, bool newer)
    {
        // A point release of the newest tested line has the same layouts; warning about it would cry wolf.
        Assert.Equal(newer, FuseReleaseLoader.IsNewerThanTested(Version.Parse(version)));
    }

    [Fact]
    public void Libfuse_3_10_gets_fuse_new_and_the_3_2_loop_with_the_original_bits()
    {
        FuseRelease release = FuseReleaseLoader.Load(FakeLibfuse.Release("libfuse3.so.3", "3.10.5", FakeLibfuse.Exports310));

        Assert.Equal(new Version(3, 10, 5), release.Version);
        Assert.Equal("libfuse3.so.3", release.LibraryName);
        Assert.Equal("fuse_new", release.NewEntryPoint);
        Assert.Equal("fuse_loop_mt", release.LoopEntryPoint);
        Assert.Same(FuseFileInfoBits.Original, release.FileInfoBits);
    }

    [Theory]
    [InlineData("3.14.0", "Original")]
    [InlineData("3.14.1", "ParallelDirectWritesInserted")]
    [InlineData("3.16.2", "ParallelDirectWritesInserted")]
    public void Libfuse_3_13_to_3_16_gets_fuse_new_31_and_the_3_12_loop(string package, string bits)
    {
        FuseRelease release = FuseReleaseLoader.Load(FakeLibfuse.Release("libfuse3.so.3", package, FakeLibfuse.Exports316));

        Assert.Equal("fuse_new_31", release.NewEntryPoint);
        Assert.Equal("fuse_loop_mt_312", release.LoopEntryPoint);
        Assert.Equal(bits == "Original" ? FuseFileInfoBits.Original : FuseFileInfoBits.ParallelDirectWritesInserted, release.FileInfoBits);
    }

    [Theory]
    [InlineData("3.17.4")]
    [InlineData("3.18.2")]
    [InlineData("3.19.0")]
    public void Libfuse_3_17_and_later_is_found_as_so_4_first_with_the_restored_bits(string package)
    {
        var loader = FakeLibfuse.Release(["libfuse3.so.4", "libfuse3.so.3"], package, FakeLibfuse.Exports317);

        FuseRelease release = FuseReleaseLoader.Load(loader);

        Assert.Equal(["libfuse3.so.4"], loader.Requested);
        Assert.Equal("libfuse3.so.4", release.LibraryName);
        Assert.Equal(Version.Parse(package), release.Version);
        Assert.Equal("fuse_new_31", release.NewEntryPoint);
        Assert.Equal("fuse_loop_mt_312", release.LoopEntryPoint);
        Assert.Same(FuseFileInfoBits.Restored, release.FileInfoBits);
    }

    [Fact]
    public void Libfuse_3_17_without_fuse_new_31_is_refused_rather_than_bound_to_another_fuse_new()
    {
        var exports = FakeLibfuse.Exports317.Where(e => e != "fuse_new_31").Append("fuse_new");

        var error = Assert.Throws<FuseLibraryException>(() => FuseReleaseLoader.Load(FakeLibfuse.Release("libfuse3.so.4", "3.17.4", exports)));

        Assert.Contains("does not export fuse_new_31", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_older_than_3_10_is_refused_with_its_version()
    {
        var error = Assert.Throws<FuseLibraryException>(() => FuseReleaseLoader.Load(FakeLibfuse.Release("libfuse3.so.3", "3.9.0", FakeLibfuse.Exports310)));

        Assert.Contains("libfuse3.so.3 is libfuse 3.9.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("3.10 or later", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fuse_mount")]
    [InlineData("fuse_get_context")]
    [InlineData("fuse_loop_cfg_set_max_threads")]
    public void A_missing_entry_point_is_named_when_loading_not_at_its_first_call(string missing)
    {
        var exports = FakeLibfuse.Exports316.Where(e => e != missing);

        var error = Assert.Throws<FuseLibraryException>(() => FuseReleaseLoader.Load(FakeLibfuse.Release("libfuse3.so.3", "3.16.2", exports)));

        Assert.Contains($"libfuse3.so.3 (libfuse 3.16.2) does not export {missing}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_without_fuse_version_is_not_taken_for_libfuse()
    {
        var exports = FakeLibfuse.Exports316.Where(e => e != "fuse_version");

        var error = Assert.Throws<FuseLibraryException>(() => FuseReleaseLoader.Load(FakeLibfuse.Release("libfuse3.so.4", "3.17.4", exports)));

        Assert.Contains("libfuse3.so.4 does not export fuse_version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_and_numeric_versions_that_disagree_are_refused()
    {
        var loader = FakeLibfuse.Mismatched("libfuse3.so.3", FakeLibfuse.Exports316, 314, "3.16.2");

        var error = Assert.Throws<FuseLibraryException>(() => FuseReleaseLoader.Load(loader));

        Assert.Contains("3.14 through fuse_version() but \"3.16.2\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.16.2", "3.16.2")]
    [InlineData("3.17.1-rc0", "3.17.1")]
    [InlineData("3.14", "3.14.0")]
    [InlineData("", null)]
    [InlineData("fuse", null)]
    [InlineData("3", null)]
    [InlineData("3.1.2.3", null)]
    public void Package_versions_are_parsed_up_to_the_patch_level(string text, string? expected) =>
        Assert.Equal(expected is null ? null : Version.Parse(expected), FuseReleaseLoader.ParseRelease(text));

    [Theory]
    [InlineData("3.10.5", "3.10-3.14.0")]
    [InlineData("3.14.0", "3.10-3.14.0")]
    [InlineData("3.14.1", "3.14.1-3.16")]
    [InlineData("3.16.2", "3.14.1-3.16")]
    [InlineData("3.17.0", "3.17+")]
    [InlineData("3.18.2", "3.17+")]
    public void Fuse_file_info_bits_follow_the_release(string release, string layout) =>
        Assert.Equal(layout, FuseFileInfoBits.For(Version.Parse(release)).Name);
}
