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
                new MountEntry("/proc", "proc", "proc") { SuperOptions = "rw" },
                new MountEntry("/mnt/with space\ttab", "fuse.ftpmount", @"ftp://a@h/x\y") { SuperOptions = "rw,user_id=0" },
            ],
            entries);
        Assert.Null(entries[0].FuseOwner);
        Assert.Equal(0u, entries[1].FuseOwner);
    }

    [Fact]
    public void The_owner_of_a_fuse_mount_comes_from_its_user_id_option()
    {
        var entries = MountTable.Parse("""
            90 22 0:50 / /home/alice/nas rw,nosuid,nodev - fuse.ftpmount ftp://a@h/ rw,user_id=1000,group_id=1000
            91 22 0:51 / /mnt/odd rw - fuse.ftpmount ftp://b@h/ rw,user_id=x,user_id_extra=5
            """);
        Assert.Equal(1000u, entries[0].FuseOwner);
        Assert.Null(entries[1].FuseOwner);
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
