using FtpMount.Core.Paths;

namespace FtpMount.Core.Tests.Paths;

public class MountLinkTargetTests
{
    [Theory]
    [InlineData("/", "/link", "target.txt", "target.txt")]
    [InlineData("/", "/link", "./sub/../target.txt", "target.txt")]
    [InlineData("/", "/a/b/link", "../../top.txt", "../../top.txt")]
    [InlineData("/", "/a/link", "..", "..")]
    [InlineData("/", "/link", ".", ".")]
    [InlineData("/", "/a/link", "x/../../y", "../y")]
    [InlineData("/home/u", "/a/link", "../b/c", "../b/c")]
    public void Relative_targets_inside_the_mount_are_kept_in_normal_form(string root, string link, string target, string shown) =>
        Assert.Equal(shown, MountLinkTarget.Map(target, RemotePath.Parse(link), new ServerPathMap(root)));

    [Theory]
    [InlineData("/", "/link", "/sub/target.txt", "sub/target.txt")]
    [InlineData("/", "/sub/link", "/sub/target.txt", "target.txt")]
    [InlineData("/", "/a/b/link", "/top.txt", "../../top.txt")]
    [InlineData("/", "/a/link", "/", "..")]
    [InlineData("/home/u", "/link", "/home/u/docs/x", "docs/x")]
    [InlineData("/home/u", "/docs/link", "/home/u", "..")]
    [InlineData("/home/u/", "/link", "/home/u/./docs//x", "docs/x")]
    public void Absolute_targets_inside_the_mounted_root_become_relative_to_the_link(string root, string link, string target, string shown) =>
        Assert.Equal(shown, MountLinkTarget.Map(target, RemotePath.Parse(link), new ServerPathMap(root)));

    [Theory]
    [InlineData("/", "/link", "../../../etc/passwd")]
    [InlineData("/", "/link", "..")]
    [InlineData("/", "/a/b/link", "../../../x")]
    [InlineData("/", "/a/link", "x/../../..")]
    [InlineData("/", "/link", "/../etc/passwd")]
    [InlineData("/home/u", "/link", "/home/user2/.bashrc")]
    [InlineData("/home/u", "/link", "/home/u/../v/x")]
    [InlineData("/home/u", "/link", "/home/ux")]
    [InlineData("/home/u", "/link", "/etc/passwd")]
    [InlineData("/home/u", "/link", "/")]
    [InlineData("/", "/link", "")]
    public void Targets_leading_outside_the_mount_have_no_target(string root, string link, string target) =>
        Assert.Null(MountLinkTarget.Map(target, RemotePath.Parse(link), new ServerPathMap(root)));

    [Fact]
    public void A_mapped_target_never_climbs_back_after_a_name()
    {
        // A name may itself be a link (to "." say); ".." after it would then climb from where that link leads.
        foreach (var target in new[] { "a/..", "a/../b", "a/./../../x/y", "/x/../y", "../q/../r" })
        {
            var shown = MountLinkTarget.Map(target, RemotePath.Parse("/d/link"), new ServerPathMap("/"));
            Assert.NotNull(shown);
            var parts = shown.Split('/');
            var firstName = Array.FindIndex(parts, p => p != "..");
            Assert.True(firstName < 0 || !parts.AsSpan(firstName).Contains(".."), shown);
        }
    }
}
