using FtpMount.Fuse.Kernel;

namespace FtpMount.Fuse.Tests.Kernel;

public sealed class MountDeviceTests
{
    private const string Table =
        "22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda rw\n" +
        "40 22 0:35 / /mnt/data rw,nosuid shared:20 - fuse.ftpmount ftp://example.org/ rw,user_id=0,group_id=0\n" +
        "41 22 0:36 / /mnt/with\\040space rw,nosuid shared:21 - fuse.ftpmount ftp://example.org/ rw\n" +
        "42 22 0:37 / /mnt/plain rw shared:22 - tmpfs tmpfs rw\n" +
        "43 40 0:38 / /mnt/data rw,nosuid shared:23 - fuse.other src rw\n";

    [Fact]
    public void Finds_the_device_of_a_fuse_mount() => Assert.Equal("0:36", MountDevice.Find(Table, "/mnt/with space"));

    [Fact]
    public void Takes_the_topmost_of_stacked_mounts() => Assert.Equal("0:38", MountDevice.Find(Table, "/mnt/data"));

    [Theory]
    [InlineData("/mnt/plain")]
    [InlineData("/mnt/none")]
    [InlineData("/mnt/with\\040space")]
    public void Ignores_other_file_systems_and_unknown_or_still_escaped_paths(string mountPoint) =>
        Assert.Null(MountDevice.Find(Table, mountPoint));

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1 2 3 4 5 6")]
    [InlineData("1 2 0:9 / /mnt/data rw shared:1 -")]
    public void Malformed_lines_are_skipped(string line) => Assert.Null(MountDevice.Find(line, "/mnt/data"));
}
