using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Options;

public class MountOptionTests
{
    [Fact]
    public void Splits_at_commas_and_first_equals_and_skips_empty_items()
    {
        var options = MountOption.SplitList("ro,,uid=1000,fsname=a=b,");
        Assert.Equal([new("ro", null), new("uid", "1000"), new("fsname", "a=b")], options);
    }

    [Fact]
    public void Backslash_escapes_commas_and_backslashes()
    {
        var options = MountOption.SplitList(@"fsname=a\,b\\c,ro");
        Assert.Equal([new("fsname", @"a,b\c"), new("ro", null)], options);
    }

    [Fact]
    public void Empty_value_differs_from_no_value()
    {
        Assert.Equal([new MountOption("uid", string.Empty)], MountOption.SplitList("uid="));
    }
}
