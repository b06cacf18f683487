using FtpMount.Cli.Credentials;

namespace FtpMount.Cli.Tests.Credentials;

public class NetrcFileTests
{
    [Fact]
    public void Parses_machines_default_and_skips_account_and_macdef()
    {
        var netrc = NetrcFile.Parse("""
            # comment line with machine evil password no
            machine a.example login alice password one account acct
            macdef init
            cd /pub
            machine inside-macro login x password y

            machine b.example
                login bob
                password "two words \" quoted"
            default login anonymous password guest@
            """);
        Assert.Equal(
            [
                new NetrcEntry("a.example", "alice", "one"),
                new NetrcEntry("b.example", "bob", "two words \" quoted"),
                new NetrcEntry(null, "anonymous", "guest@"),
            ],
            netrc.Entries);
    }

    [Fact]
    public void Tokens_on_one_line_work()
    {
        var netrc = NetrcFile.Parse("machine h login u password p machine g login v password q");
        Assert.Equal(2, netrc.Entries.Count);
        Assert.Equal("q", netrc.Find("g", "v")!.Password);
    }

    [Fact]
    public void Find_prefers_a_machine_over_default_and_honours_the_login()
    {
        var netrc = NetrcFile.Parse("default password d\nmachine h login u password p\nmachine h password any\n");
        Assert.Equal("p", netrc.Find("h", "u")!.Password);
        Assert.Equal("any", netrc.Find("h", "someone")!.Password);
        Assert.Equal("d", netrc.Find("other", "u")!.Password);
        Assert.Equal("p", netrc.Find("H", null)!.Password);
    }

    [Fact]
    public void Entry_without_password_does_not_match()
    {
        Assert.Null(NetrcFile.Parse("machine h login u\n").Find("h", "u"));
    }

    [Fact]
    public void Entries_never_print_the_password() =>
        Assert.DoesNotContain("hunter2", new NetrcEntry("h", "u", "hunter2").ToString(), StringComparison.Ordinal);
}
