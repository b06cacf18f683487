using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>A mode the server lists never gives local privileges: no setuid bit shows, and every mount is nosuid,nodev.</summary>
[Trait("Category", "Integration")]
public class SetuidTests
{
    [Theory(Timeout = 120_000)]
    [InlineData(FtpServerKind.Vsftpd)] // LIST -rwsr-xr-x
    [InlineData(FtpServerKind.PureFtpd)] // MLSD UNIX.mode=4755
    [InlineData(FtpServerKind.Proftpd)] // MLSD UNIX.mode=4755 (pyftpdlib's MLSD lists no mode at all)
    public async Task Setuid_program_listed_by_the_server_runs_without_privilege_on_a_suid_allow_other_mount(FtpServerKind kind)
    {
        // suid and dev as mount.fuse3 appends them to every fstab mount.
        await using var mount = await FaultyMount.StartAsync(kind, options: FaultyMount.DefaultOptions + ",allow_other,suid,dev", seed: s =>
        {
            var program = Path.Combine(s.RootDirectory, "id");
            File.Copy("/usr/bin/id", program);
            File.SetUnixFileMode(program, (UnixFileMode)Convert.ToInt32("4755", 8));
        });

        var run = await FaultyMount.ShellAsync($"runuser -u nobody -- '{mount.PathOf("id")}'");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("uid=65534", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("euid=", run.Output, StringComparison.Ordinal);
        var mode = await mount.InMountAsync("stat -c %a id");
        Assert.Equal("755\n", mode.Output);
        var flags = MountFlags(mount.MountPoint);
        Assert.Contains("nosuid", flags);
        Assert.Contains("nodev", flags);
    }

    /// <summary>The per-mount flags (field 6) of the mount at <paramref name="mountPoint"/> in /proc/self/mountinfo.</summary>
    private static string[] MountFlags(string mountPoint)
    {
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 5 && fields[4] == mountPoint)
            {
                return fields[5].Split(',');
            }
        }

        Assert.Fail($"{mountPoint} is not in /proc/self/mountinfo");
        return [];
    }
}
