using FtpMount.Cli.Options;
using FtpMount.Core.Entries;

namespace FtpMount.Cli.Tests.Options;

public class SymlinkOptionTests
{
    private static MountRequest Mount(params string[] args) =>
        Assert.IsType<MountCommand>(MountOptionsParser.Parse(args, "/")).Request;

    [Fact]
    public void Links_leading_outside_are_blocked_unless_symlinks_says_hide()
    {
        Assert.Equal(OutsideLinkPolicy.Block, Mount("ftp://h/", "/m").Options.OutsideLinks);
        Assert.Equal(OutsideLinkPolicy.Block, Mount("ftp://h/", "/m", "-o", "symlinks=block").Options.OutsideLinks);
        Assert.Equal(OutsideLinkPolicy.Hide, Mount("ftp://h/", "/m", "-o", "symlinks=hide").Options.OutsideLinks);
    }

    [Fact]
    public void An_unknown_symlink_policy_is_refused_naming_it()
    {
        var error = Assert.Throws<CommandLineException>(() => MountOptionsParser.Parse(["ftp://h/", "/m", "-o", "symlinks=follow"], "/"));
        Assert.Contains("symlinks=follow", error.Message, StringComparison.Ordinal);
    }
}
