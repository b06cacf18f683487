using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>Names from applications that an FTP command cannot carry are refused before anything is sent.</summary>
[Trait("Category", "Integration")]
public class HostileNameTests
{
    [Fact(Timeout = 120_000)]
    public async Task Names_with_CR_or_LF_are_refused_with_EINVAL_and_never_reach_the_server()
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Vsftpd, seed: s => s.CreateFile("victim.txt", "keep"u8));
        foreach (var name in new[] { "a\nb", "x\r\nDELE victim.txt", "c\rd" })
        {
            var path = Path.Combine(mount.MountPoint, name);
            var error = Assert.ThrowsAny<IOException>(() => File.WriteAllText(path, "x"));
            Assert.Contains("Invalid argument", error.Message, StringComparison.Ordinal);
            Assert.ThrowsAny<IOException>(() => Directory.CreateDirectory(path));
        }

        Assert.True(File.Exists(mount.ServerPathOf("victim.txt")));
        Assert.Equal(["victim.txt"], Directory.GetFileSystemEntries(mount.Server.RootDirectory).Select(Path.GetFileName));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_mount_is_private_to_its_user_unless_allow_other_is_given()
    {
        await using (var mount = await FaultyMount.StartAsync(FtpServerKind.Pyftpdlib, seed: s => s.CreateFile("mine.txt", "secret"u8)))
        {
            var other = await FaultyMount.ShellAsync($"runuser -u nobody -- ls '{mount.MountPoint}'");
            Assert.NotEqual(0, other.ExitCode);
            Assert.Contains("Permission denied", other.Error, StringComparison.Ordinal);
        }

        await using var shared = await FaultyMount.StartAsync(
            FtpServerKind.Pyftpdlib, options: FaultyMount.DefaultOptions + ",allow_other", seed: s => s.CreateFile("ours.txt", "shared"u8));
        var allowed = await FaultyMount.ShellAsync($"runuser -u nobody -- cat '{shared.MountPoint}/ours.txt'");
        Assert.True(allowed.ExitCode == 0, allowed.Error);
        Assert.Equal("shared", allowed.Output);
    }
}
