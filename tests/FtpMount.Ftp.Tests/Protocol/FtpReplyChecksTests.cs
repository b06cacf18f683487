using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Tests.Protocol;

public class FtpReplyChecksTests
{
    [Theory]
    [InlineData(421, typeof(FtpServiceUnavailableException))]
    [InlineData(425, typeof(FtpTransientException))]
    [InlineData(452, typeof(FtpTransientException))]
    [InlineData(550, typeof(FtpPermanentException))]
    [InlineData(552, typeof(FtpPermanentException))]
    [InlineData(150, typeof(FtpProtocolException))]
    [InlineData(350, typeof(FtpProtocolException))]
    public void Each_failure_class_has_its_own_exception_type(int code, Type expected)
    {
        var error = FtpReplyChecks.Failure(new FtpReply(code, ["text"]), "DELE /x");
        Assert.IsType(expected, error);
        Assert.Equal(code, error.Reply!.Code);
        Assert.Contains("DELE /x", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("STOR a\r\nDELE b")]
    [InlineData("RETR a\nb")]
    [InlineData("CWD a\0b")]
    [InlineData("RETR a\rb")]
    public void Commands_with_CR_LF_or_NUL_are_refused(string command) =>
        Assert.Throws<FtpUnsafeArgumentException>(() => FtpControlConnection.EnsureSafe(command));

    [Fact]
    public void Ordinary_unicode_paths_with_spaces_are_allowed() =>
        FtpControlConnection.EnsureSafe("STOR /dir/ leading  double é 名前.txt");

    [Theory]
    [InlineData(530, "Sorry, the maximum number of clients (2) from your host are already connected.", true)]
    [InlineData(530, "Login incorrect.", false)]
    [InlineData(421, "Too many connections (2) from this IP", true)]
    [InlineData(530, "Too many users", true)]
    public void Connection_limit_refusals_are_told_apart_from_bad_passwords(int code, string text, bool isLimit) =>
        Assert.Equal(isLimit, FtpLogin.IsConnectionLimit(new FtpReply(code, [text])));

    [Theory]
    [InlineData("\"/home/ftp\" is the current directory", "/home/ftp")]
    [InlineData("\"/a \"\"quoted\"\" dir\" created", "/a \"quoted\" dir")]
    [InlineData("\"/\"", "/")]
    public void Quoted_paths_unescape_doubled_quotes(string text, string expected) =>
        Assert.Equal(expected, FtpSession.ParseQuotedPath(new FtpReply(257, [text])));

    [Fact]
    public void Reply_without_quotes_has_no_path() =>
        Assert.Null(FtpSession.ParseQuotedPath(new FtpReply(257, ["no quotes here"])));
}
