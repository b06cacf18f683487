using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// opendir is ours only where libfuse's high-level API hands keep_cache and cache_readdir on to the kernel (3.16.1
/// and later); before that it stays libfuse's, and every listing reaches readdir.
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
    public unsafe void Opendir_is_registered_only_where_libfuse_forwards_its_cache_flags(string soname, string package, bool registered)
    {
        var exports = package.StartsWith("3.10", StringComparison.Ordinal) ? FakeLibfuse.Exports310
            : soname == "libfuse3.so.4" ? FakeLibfuse.Exports317
            : FakeLibfuse.Exports316;
        FuseRelease release = FuseReleaseLoader.Load(FakeLibfuse.Release(soname, package, exports));

        FuseOperations operations = FuseCallbacks.CreateOperations(release);

        Assert.Equal(registered, release.CachesListingsInKernel);
        Assert.Equal(registered, operations.opendir != null);
        Assert.True(operations.readdir != null);
    }
}
