using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>Changes another client makes on the server show through the mount once the caches have expired.</summary>
[Trait("Category", "Integration")]
public sealed class ExternalChangeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Files_changed_added_and_removed_on_the_server_become_visible_after_the_cache_ttl(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind, "dir_cache_ttl=1,attr_timeout=1");
        mount.Server.CreateFile("shared.txt", "version 1\n"u8);
        mount.Server.CreateFile("gone.txt", "about to be deleted\n"u8);
        Assert.Equal("version 1\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("shared.txt")));
        Assert.Equal("gone.txt\nshared.txt\n", await ExternalProgram.RunCheckedAsync("ls", mount.MountPoint));

        // Another client: written straight into the server's folder, as the daemon itself would.
        mount.Server.CreateFile("shared.txt", "version 2, which is longer\n"u8);
        mount.Server.CreateFile("added.txt", "new\n"u8);
        File.Delete(mount.ServerPathOf("gone.txt"));

        var contentSeen = await Poll.UntilAsync(
            async () => await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("shared.txt")) == "version 2, which is longer\n", Deadline);
        Assert.True(contentSeen, $"The new content did not show within {Deadline}. {mount.Describe()}");
        var namesSeen = await Poll.UntilAsync(
            async () => await ExternalProgram.RunCheckedAsync("ls", mount.MountPoint) == "added.txt\nshared.txt\n", Deadline);
        Assert.True(namesSeen, $"The added and removed names did not show within {Deadline}.");
        Assert.Equal("27\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%s", mount.PathOf("shared.txt")));
        Assert.Equal("new\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("added.txt")));
        var gone = await ExternalProgram.RunAsync("cat", mount.PathOf("gone.txt"));
        Assert.Contains("No such file or directory", gone.Error, StringComparison.Ordinal);
    }
}
