using FtpMount.Core.Paths;

namespace FtpMount.Core.Tests.Paths;

/// <summary>Server paths back to mount paths, for status reports: only what lies below the mounted root.</summary>
public class ServerPathMapTests
{
    [Theory]
    [InlineData("/", "/a/b.txt", "/a/b.txt")]
    [InlineData("/", "/", "/")]
    [InlineData("/home/u", "/home/u/docs/x", "/docs/x")]
    [InlineData("/home/u/", "/home/u/docs/x", "/docs/x")]
    [InlineData("/home/u", "/home/u", "/")]
    public void A_path_below_the_root_maps_to_its_mount_path(string root, string server, string mount) =>
        Assert.Equal(mount, new ServerPathMap(root).ToMount(server)?.Value);

    [Theory]
    [InlineData("/home/u", "/home/uv/x")]
    [InlineData("/home/u", "/etc/passwd")]
    [InlineData("/home/u", "relative")]
    [InlineData("/", "/a/../../etc")]
    public void A_path_outside_the_root_has_no_mount_path(string root, string server) =>
        Assert.Null(new ServerPathMap(root).ToMount(server));

    [Theory]
    [InlineData("/")]
    [InlineData("/home/u")]
    public void Mapping_there_and_back_is_the_identity(string root)
    {
        var map = new ServerPathMap(root);
        foreach (var path in new[] { "/", "/a", "/a/b c/d.txt" })
        {
            Assert.Equal(path, map.ToMount(map.ToServer(RemotePath.Parse(path)))?.Value);
        }
    }
}
