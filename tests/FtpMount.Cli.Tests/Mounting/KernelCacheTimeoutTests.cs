using FtpMount.Cli.Mounting;
using FtpMount.Cli.Options;
using FtpMount.Core.Cache;

namespace FtpMount.Cli.Tests.Mounting;

/// <summary>How long the kernel may keep names and attributes: 5 s unless set, never longer than a listing is trusted.</summary>
public class KernelCacheTimeoutTests
{
    private static MountRequest Mount(params string[] options) =>
        Assert.IsType<MountCommand>(MountOptionsParser.Parse(["ftp://h/", "/m", .. options], "/")).Request;

    [Fact]
    public void Default_is_five_seconds()
    {
        var fuse = FuseMountRunner.FuseOptions(Mount(), new DirectoryCacheOptions());
        Assert.Equal(TimeSpan.FromSeconds(5), fuse.EntryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), fuse.AttributeTimeout);
    }

    [Fact]
    public void Never_longer_than_the_listing_cache()
    {
        var fuse = FuseMountRunner.FuseOptions(Mount("-o", "dir_cache_ttl=2"), new DirectoryCacheOptions { DirectoryTtl = TimeSpan.FromSeconds(2) });
        Assert.Equal(TimeSpan.FromSeconds(2), fuse.AttributeTimeout);
    }

    [Fact]
    public void Attr_timeout_option_wins()
    {
        var fuse = FuseMountRunner.FuseOptions(Mount("-o", "attr_timeout=0.5"), new DirectoryCacheOptions());
        Assert.Equal(TimeSpan.FromMilliseconds(500), fuse.EntryTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), fuse.AttributeTimeout);
    }
}
