using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// opendir is ours with every release: from 3.16.1 libfuse's high-level API hands keep_cache and cache_readdir on
/// to the kernel, before that <see cref="OpenDirFlagRelay"/> does, so a kept listing is read from the kernel's copy.
/// </summary>
public sealed class OpenDirRegistrationTests
{
    [Theory]
    [InlineData("libfuse3.so.3", "3.10.5", false)]
    [InlineData("libfuse3.so.3", "3.14.0", false)]
    [InlineData("libfuse3.so.3", "3.15.1", false)]
    [InlineData("libfuse3.so.3", "3.16.1", true)]
    [InlineData("libfuse3.so.3", "3.16.2", true)]
    [InlineData("libfuse3.so.4", "3.17.4", true)]
    [InlineData("libfuse3.so.4", "3.18.2", true)]
    public unsafe void Opendir_is_registered_with_every_release_and_relayed_where_libfuse_drops_its_flags(string soname, string package, bool forwarded)
    {
        var exports = package.StartsWith("3.10", StringComparison.Ordinal) ? FakeLibfuse.Exports310
            : soname == "libfuse3.so.4" ? FakeLibfuse.Exports317
            : FakeLibfuse.Exports316;
        FuseRelease release = FuseReleaseLoader.Load(FakeLibfuse.Release(soname, package, exports));

        FuseOperations operations = FuseCallbacks.CreateOperations();

        Assert.True(operations.opendir != null);
        Assert.True(operations.readdir != null);
        Assert.Equal(forwarded, FuseRelease.ForwardsOpenDirCacheFlags(release.Version));
        Assert.Equal(forwarded, OpenDirFlagRelay.OperationsOffset(release.Version) is null);
    }
}
