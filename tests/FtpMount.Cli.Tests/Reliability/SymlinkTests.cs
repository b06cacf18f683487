using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>Symbolic links on the server show as links; their targets are read, never followed on the local side.</summary>
[Trait("Category", "Integration")]
public class SymlinkTests
{
    [Theory(Timeout = 120_000)]
    [InlineData(FtpServerKind.Vsftpd)]
    [InlineData(FtpServerKind.PureFtpd)] // MLSD says "symlink" without the target: read from LIST instead.
    // proftpd and pyftpdlib in this lab do not present these links as links in their listings.
    public async Task Server_symlinks_are_listed_as_links_with_their_targets(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(kind, seed: s =>
        {
            s.CreateFile("target.txt", "pointed at"u8);
            File.CreateSymbolicLink(Path.Combine(s.RootDirectory, "link.txt"), "target.txt");
            File.CreateSymbolicLink(Path.Combine(s.RootDirectory, "escape"), "../../../etc/passwd");
        });
        var listing = await mount.InMountAsync("ls -l && readlink link.txt escape");
        Assert.True(listing.ExitCode == 0, listing.Error);
        Assert.Contains("link.txt -> target.txt", listing.Output, StringComparison.Ordinal);
        Assert.Contains("target.txt\n../../../etc/passwd\n", listing.Output, StringComparison.Ordinal);
    }
}
