using FtpMount.Cli.Mounting;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Mounting;

/// <summary>fusermount3's rules for a mount by a normal user, said in one sentence before anything starts.</summary>
public class UserMountCheckTests
{
    private static MountRequest Request(string options = "") =>
        ((MountCommand)MountOptionsParser.Parse(
            options.Length == 0 ? ["ftp://h/", "/home/u/mnt"] : ["ftp://h/", "/home/u/mnt", "-o", options], "/")).Request;

    private static UserMountCheck Check(uint uid, string? fuseConf, params string[] accessible) =>
        new(uid, (path, _) => accessible.Contains(path), () => fuseConf);

    [Fact]
    public void A_user_with_dev_fuse_and_a_writable_mount_point_passes() =>
        Check(1000, null, "/dev/fuse", "/home/u/mnt").Check(Request());

    [Fact]
    public void Root_is_never_asked() => Check(0, null).Check(Request("allow_other"));

    [Fact]
    public void Dev_fuse_closed_to_users_is_named()
    {
        var e = Assert.Throws<MountpointException>(() => Check(1000, null, "/home/u/mnt").Check(Request()));
        Assert.Contains("/dev/fuse is not open to this user", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mount_point_the_user_cannot_write_is_named()
    {
        var e = Assert.Throws<MountpointException>(() => Check(1000, null, "/dev/fuse").Check(Request()));
        Assert.Contains("/home/u/mnt is not writable by this user", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("# user_allow_other\nmount_max = 1000\n")]
    [InlineData("user_allow_other_please\n")]
    public void Allow_other_needs_user_allow_other_in_fuse_conf(string? conf)
    {
        var e = Assert.Throws<CommandLineException>(() => Check(1000, conf, "/dev/fuse", "/home/u/mnt").Check(Request("allow_other")));
        Assert.Contains("user_allow_other", e.Message, StringComparison.Ordinal);
        Assert.Throws<CommandLineException>(() => Check(1000, conf, "/dev/fuse", "/home/u/mnt").Check(Request("allow_root")));
    }

    [Theory]
    [InlineData("user_allow_other\n")]
    [InlineData("  user_allow_other   # let users share their mounts\n")]
    public void Allow_other_passes_where_fuse_conf_allows_it(string conf) =>
        Check(1000, conf, "/dev/fuse", "/home/u/mnt").Check(Request("allow_other"));
}
