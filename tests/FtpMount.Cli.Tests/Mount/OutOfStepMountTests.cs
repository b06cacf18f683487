using FtpMount.Testing.Hostile;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Issue 11 point 4: a stray reply (an extra 250 after a listing's 226) was taken as the answer to the next command,
/// so <c>rm</c> reported success while the server answered 550. The next command now goes to a fresh connection.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutOfStepMountTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_stray_reply_after_a_listing_never_answers_a_refused_delete()
    {
        await using var mount = await MountedServer.StartHostileAsync(
            options: "dir_cache_ttl=1,attr_timeout=1,log_level=debug",
            seed: s =>
            {
                s.CreateFile("keep.txt", "precious"u8);
                s.AddStrayReply("MLSD", "250 stray reply.");
                s.AddStrayReply("LIST", "250 stray reply.");
                s.Answer("DELE", "550 keep.txt: Permission denied.", "/keep.txt");
            });

        Assert.Contains("keep.txt", await ExternalProgram.RunCheckedAsync("ls", mount.MountPoint), StringComparison.Ordinal);
        var rm = await ExternalProgram.RunAsync("rm", "-f", mount.PathOf("keep.txt"));

        Assert.True(rm.ExitCode != 0, $"rm reported success while the server refused DELE\n{mount.Describe()}");
        Assert.True(rm.Error.Contains("Permission denied", StringComparison.Ordinal), $"{rm}\n{mount.Describe()}");
        Assert.True(File.Exists(mount.ServerPathOf("keep.txt")));
        Assert.True(mount.Hostile.Commands.Count("DELE", "/keep.txt") >= 1, mount.Hostile.Commands.ToString());
    }
}
