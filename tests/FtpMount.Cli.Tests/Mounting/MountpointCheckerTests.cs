using FtpMount.Cli.Mounting;

namespace FtpMount.Cli.Tests.Mounting;

public sealed class MountpointCheckerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Empty_directory_passes() => new MountpointChecker().Check(_temp.Path);

    [Fact]
    public void Missing_directory_is_refused_with_a_hint()
    {
        var missing = Path.Combine(_temp.Path, "nope");
        var error = Assert.Throws<MountpointException>(() => new MountpointChecker().Check(missing));
        Assert.Contains($"{missing} does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("mkdir -p", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_is_refused()
    {
        var file = _temp.File("f", "x", UnixFileMode.UserRead);
        var error = Assert.Throws<MountpointException>(() => new MountpointChecker().Check(file));
        Assert.Contains("is not a directory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/proc")]
    public void Existing_mount_point_is_busy(string path)
    {
        var error = Assert.Throws<MountpointException>(() => new MountpointChecker().Check(path));
        Assert.Contains($"{path} is busy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mount_point_reached_through_a_symlink_is_busy()
    {
        var link = Path.Combine(_temp.Path, "proc-link");
        File.CreateSymbolicLink(link, "/proc");
        var error = Assert.Throws<MountpointException>(() => new MountpointChecker().Check(link));
        Assert.Contains("/proc is busy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dead_fuse_mount_listed_in_mountinfo_is_busy_even_if_stat_fails()
    {
        var mountInfo = _temp.File("mountinfo",
            $"36 35 0:40 / /gone\\040away rw,nosuid - fuse.ftpmount ftp://h/ rw,user_id=0\n", UnixFileMode.UserRead);
        var error = Assert.Throws<MountpointException>(() => new MountpointChecker(mountInfo).Check("/gone away"));
        Assert.Contains("fuse.ftpmount from ftp://h/", error.Message, StringComparison.Ordinal);
        Assert.Contains("ftpmount unmount", error.Message, StringComparison.Ordinal);
    }
}
