using System.Text;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Issue 13.1: a file written and read through the mount, then stored anew by another FTP client, reads as the new
/// content whole at once (the listing cache still holds the old size for dir_cache_ttl): never cut to the old size,
/// never EIO because the transfer ended "early".
/// </summary>
[Trait("Category", "Integration")]
public sealed class OtherClientChangeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Cat_after_another_client_stored_longer_or_shorter_content_prints_the_new_content_whole(FtpServerKind kind)
    {
        // The default dir_cache_ttl (30 s): the mount's listing still has the old sizes when cat runs.
        await using var mount = await MountedServer.StartAsync(kind);
        var ct = TestContext.Current.CancellationToken;
        const string first = "first version\n";
        await File.WriteAllTextAsync(mount.PathOf("longer.txt"), first, ct);
        await File.WriteAllTextAsync(mount.PathOf("shorter.txt"), first, ct);
        Assert.Equal(first, await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("longer.txt")));
        Assert.Equal(first, await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("shorter.txt")));

        const string longer = "the second version, stored by another client, is longer\n";
        const string shorter = "v2\n";
        await AnotherFtpClient.StoreAsync(mount.Server, "longer.txt", Encoding.ASCII.GetBytes(longer));
        await AnotherFtpClient.StoreAsync(mount.Server, "shorter.txt", Encoding.ASCII.GetBytes(shorter));

        var catLonger = await ExternalProgram.RunAsync("cat", mount.PathOf("longer.txt"));
        var catShorter = await ExternalProgram.RunAsync("cat", mount.PathOf("shorter.txt"));
        Assert.True(catLonger.ExitCode == 0 && catLonger.Output == longer, $"{catLonger} printed \"{catLonger.Output}\"\n{mount.Describe()}");
        Assert.True(catShorter.ExitCode == 0 && catShorter.Output == shorter, $"{catShorter} printed \"{catShorter.Output}\"\n{mount.Describe()}");

        // Every later open sees the new file too, and stat its size once the kernel dropped what it cached.
        Assert.Equal(longer, await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("longer.txt")));
        Assert.Equal(shorter, await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("shorter.txt")));
        var sizes = $"{longer.Length}\n{shorter.Length}\n";
        var sizesSeen = await Poll.UntilAsync(
            async () => await ExternalProgram.RunCheckedAsync("stat", "-c", "%s", mount.PathOf("longer.txt"), mount.PathOf("shorter.txt")) == sizes,
            Deadline);
        Assert.True(sizesSeen, $"stat did not show the new sizes {sizes.Replace('\n', ' ')}within {Deadline}.");
    }
}
