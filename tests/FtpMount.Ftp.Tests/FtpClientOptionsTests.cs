namespace FtpMount.Ftp.Tests;

public class FtpClientOptionsTests
{
    private static FtpClientOptions Valid => new() { Host = "localhost", Credentials = new FtpCredentials("u", "secret-pw") };

    [Fact]
    public void Valid_options_pass() => Valid.Validate();

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void Bad_port_is_named_in_the_error(int port)
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { Port = port }).Validate());
        Assert.Contains("Port", error.Message, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_fingerprint_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { TlsMode = Tls.FtpTlsMode.Explicit, CertificateSha256 = "abc" }).Validate());
        Assert.Contains("CertificateSha256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_never_print_the_password()
    {
        var options = Valid;
        Assert.DoesNotContain("secret-pw", options.Credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", options.ToString(), StringComparison.Ordinal);
    }
}
