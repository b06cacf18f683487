using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Options;

public class MountUrlTests
{
    [Theory]
    [InlineData("ftp://example.org", false, "example.org", 21, null, "/")]
    [InlineData("ftp://example.org/", false, "example.org", 21, null, "/")]
    [InlineData("FTP://Example.org:2121/pub/", false, "Example.org", 2121, null, "/pub")]
    [InlineData("ftps://example.org/pub", true, "example.org", 990, null, "/pub")]
    [InlineData("ftps://example.org:21/", true, "example.org", 21, null, "/")]
    [InlineData("ftp://alice@example.org/home/alice", false, "example.org", 21, "alice", "/home/alice")]
    [InlineData("ftp://[::1]/", false, "::1", 21, null, "/")]
    [InlineData("ftp://[::1]:2121", false, "::1", 2121, null, "/")]
    [InlineData("ftp://bob@[2001:db8::7]:21/x", false, "2001:db8::7", 21, "bob", "/x")]
    [InlineData("ftp://[fe80::1%25eth0]/", false, "fe80::1%eth0", 21, null, "/")]
    [InlineData("ftp://192.0.2.1:21/", false, "192.0.2.1", 21, null, "/")]
    [InlineData("ftp://us%40er%20x@h/a%20b/%C3%BCber", false, "h", 21, "us@er x", "/a b/über")]
    [InlineData("ftp://h/Müller", false, "h", 21, null, "/Müller")]
    [InlineData("ftp://my_host-1.lan/%2Fetc", false, "my_host-1.lan", 21, null, "//etc")]
    public void Parses_valid_urls(string text, bool implicitTls, string host, int port, string? user, string path)
    {
        var url = MountUrl.Parse(text);
        Assert.Equal(implicitTls, url.ImplicitTls);
        Assert.Equal(host, url.Host);
        Assert.Equal(port, url.Port);
        Assert.Equal(user, url.UserName);
        Assert.Equal(path, url.Path);
        Assert.False(url.HasPasswordInUrl);
    }

    [Theory]
    [InlineData("http://example.org/", "ftp:// or ftps://")]
    [InlineData("example.org", "ftp:// or ftps://")]
    [InlineData("ftp://", "no host")]
    [InlineData("ftp:///pub", "no host")]
    [InlineData("ftp://h:/", "without a port")]
    [InlineData("ftp://h:0/", "\"0\"")]
    [InlineData("ftp://h:65536/", "\"65536\"")]
    [InlineData("ftp://h:21x/", "\"21x\"")]
    [InlineData("ftp://::1/", "brackets")]
    [InlineData("ftp://[::1/", "closing ']'")]
    [InlineData("ftp://[not-v6]/", "not an IPv6")]
    [InlineData("ftp://[::1]x/", "after the IPv6")]
    [InlineData("ftp://h/a%0D%0ADELE%20x", "CR, LF or NUL")]
    [InlineData("ftp://h/a%00", "CR, LF or NUL")]
    [InlineData("ftp://u%0A@h/", "CR, LF or NUL")]
    [InlineData("ftp://h/%ZZ", "two hex digits")]
    [InlineData("ftp://h/%4", "two hex digits")]
    [InlineData("ftp://h/%C3%28", "not valid UTF-8")]
    [InlineData("ftp://h/a?b", "'?'")]
    [InlineData("ftp://h/a#b", "'#'")]
    [InlineData("ftp://h/a b", "space")]
    [InlineData("ftp://@h/", "empty user")]
    [InlineData("ftp://h!st/", "'!'")]
    public void Rejects_bad_urls_saying_why(string text, string expected)
    {
        var error = Assert.Throws<CommandLineException>(() => MountUrl.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("SOURCE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_in_url_is_accepted_flagged_and_never_printed()
    {
        var url = MountUrl.Parse("ftp://alice:s3cr%40t@example.org/pub");
        Assert.True(url.HasPasswordInUrl);
        Assert.Equal("s3cr@t", url.Password);
        Assert.Equal("alice", url.UserName);
        Assert.Equal("ftp://alice:***@example.org/pub", url.ToString());
        Assert.Equal("ftp://alice@example.org/pub", url.ToUrlString());
        Assert.DoesNotContain("s3cr", url.WithoutPassword().ToString(), StringComparison.Ordinal);
        Assert.False(url.WithoutPassword().HasPasswordInUrl);
    }

    [Fact]
    public void Password_with_at_sign_splits_at_the_last_at()
    {
        var url = MountUrl.Parse("ftp://alice:p@ss@example.org/");
        Assert.Equal("example.org", url.Host);
        Assert.Equal("p@ss", url.Password);
    }

    [Theory]
    [InlineData("ftp://alice:hunter2@h:99x/")]
    [InlineData("http://alice:hunter2@h/")]
    [InlineData("ftp://alice:hunter2@h/%0A")]
    [InlineData("ftp://alice:hunter2@/")]
    public void Errors_never_echo_the_password(string text)
    {
        var error = Assert.Throws<CommandLineException>(() => MountUrl.Parse(text));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("alice:***@", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://us%40er:pw@[::1]:2121/a%20b/%C3%BCber/")]
    [InlineData("ftps://h/")]
    [InlineData("ftp://[fe80::1%25eth0]/x~y")]
    public void Url_string_parses_back_to_the_same_parts(string text)
    {
        var url = MountUrl.Parse(text);
        var again = MountUrl.Parse(url.ToUrlString());
        Assert.Equal(url.Host, again.Host);
        Assert.Equal(url.Port, again.Port);
        Assert.Equal(url.UserName, again.UserName);
        Assert.Equal(url.Path, again.Path);
        Assert.Equal(url.ImplicitTls, again.ImplicitTls);
        Assert.False(again.HasPasswordInUrl);
    }
}
