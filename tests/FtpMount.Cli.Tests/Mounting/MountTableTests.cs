using FtpMount.Cli.Mounting;

namespace FtpMount.Cli.Tests.Mounting;

public class MountTableTests
{
    [Fact]
    public void Parses_fields_around_optional_fields_and_unescapes_octal()
    {
        var entries = MountTable.Parse("""
            22 1 0:21 / /proc rw,nosuid,nodev shared:5 - proc proc rw
            90 22 0:50 / /mnt/with\040space\011tab rw,relatime shared:1 master:2 - fuse.ftpmount ftp://a@h/x\134y rw,user_id=0
            broken line
            """);
        Assert.Equal(
            [
                new MountEntry("/proc", "proc", "proc"),
                new MountEntry("/mnt/with space\ttab", "fuse.ftpmount", @"ftp://a@h/x\y"),
            ],
            entries);
    }

    [Fact]
    public void Find_returns_the_last_mount_stacked_on_a_path()
    {
        var entries = MountTable.Parse("1 0 0:1 / /m rw - ext4 /dev/a rw\n2 1 0:2 / /m rw - fuse.ftpmount x rw\n");
        Assert.Equal("fuse.ftpmount", MountTable.Find(entries, "/m")!.FileSystemType);
        Assert.Null(MountTable.Find(entries, "/other"));
    }

    [Fact]
    public void This_process_sees_the_root_mount() =>
        Assert.NotNull(MountTable.Find(MountTable.Read(), "/"));
}
