using FtpMount.Cli.Mounting;
using FtpMount.Cli.Status;

namespace FtpMount.Cli.Tests.Status;

/// <summary>Where status sockets live, and which mounts <c>ftpmount status</c> asks.</summary>
public class StatusSocketTests
{
    private static Func<string, string?> Env(string? runtime) => name => name == "XDG_RUNTIME_DIR" ? runtime : null;

    [Fact]
    public void A_session_runtime_folder_comes_first_then_the_login_one_then_the_fallback()
    {
        var all = StatusSocket.Candidates(Env("/run/user/1000"), 1000, _ => true);
        Assert.Equal(["/run/user/1000/ftpmount", Path.Combine(Path.GetTempPath(), "ftpmount-1000")], all);

        // Without the variable (su, cron): logind's folder when it exists, so a mount from systemd --user is found.
        Assert.Equal(["/run/user/1000/ftpmount", Path.Combine(Path.GetTempPath(), "ftpmount-1000")], StatusSocket.Candidates(Env(null), 1000, _ => true));
        Assert.Equal([Path.Combine(Path.GetTempPath(), "ftpmount-1000")], StatusSocket.Candidates(Env(null), 1000, _ => false));
        Assert.Equal(["/home/u/run/ftpmount", "/run/user/1000/ftpmount", Path.Combine(Path.GetTempPath(), "ftpmount-1000")],
            StatusSocket.Candidates(Env("/home/u/run"), 1000, _ => true));
    }

    [Fact]
    public void Root_keeps_run_ftpmount_and_a_relative_or_missing_runtime_folder_is_ignored()
    {
        Assert.Equal(["/run/ftpmount"], StatusSocket.Candidates(Env(null), 0, _ => true));
        Assert.Equal(["/run/ftpmount"], StatusSocket.Candidates(Env("relative/run"), 0, _ => true));
        Assert.Equal(["/run/ftpmount"], StatusSocket.Candidates(Env("/run/user/0"), 0, path => path != "/run/user/0"));
    }

    [Fact]
    public void The_socket_folder_is_made_private_and_a_symlink_is_refused()
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "ftpmount");
        StatusSocket.PrepareDirectory(folder);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));

        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("777", 8));
        StatusSocket.PrepareDirectory(folder);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));

        var link = Path.Combine(temp.Path, "link");
        Directory.CreateSymbolicLink(link, folder);
        Assert.Contains("symbolic link", Assert.Throws<IOException>(() => StatusSocket.PrepareDirectory(link)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_asks_only_the_ftpmount_mounts_of_this_user()
    {
        var mounts = MountTable.Parse("""
            90 22 0:50 / /home/alice/nas rw - fuse.ftpmount ftp://a@h/ rw,user_id=1000,group_id=1000
            91 22 0:51 / /mnt/root-nas rw - fuse.ftpmount ftp://r@h/ rw,user_id=0,group_id=0
            92 22 0:52 / /home/alice/other rw - fuse.sshfs s:/ rw,user_id=1000,group_id=1000
            """);
        Assert.Equal(["/home/alice/nas"], StatusMounts.Of(mounts, 1000));
        Assert.Equal(["/mnt/root-nas"], StatusMounts.Of(mounts, 0));
    }
}
