using System.Net;
using FtpMount.Ftp.Data;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Tests.Data;

public class PassiveReplyParserTests
{
    [Theory]
    [InlineData("Entering Extended Passive Mode (|||50123|)", 50123)]
    [InlineData("Entering Extended Passive Mode (!!!2000!)", 2000)]
    [InlineData("EPSV ok (|||65535|)", 65535)]
    public void Epsv_port_is_read_with_any_delimiter(string text, int port) =>
        Assert.Equal(port, PassiveReplyParser.ParseEpsv(new FtpReply(229, [text])));

    [Theory]
    [InlineData("Entering Extended Passive Mode (|||0|)")]
    [InlineData("Entering Extended Passive Mode (|||70000|)")]
    [InlineData("Entering Extended Passive Mode (||1|)")]
    [InlineData("Entering Extended Passive Mode")]
    [InlineData("(|||12a|)")]
    public void Malformed_epsv_replies_are_protocol_errors(string text) =>
        Assert.Throws<FtpProtocolException>(() => PassiveReplyParser.ParseEpsv(new FtpReply(229, [text])));

    [Theory]
    [InlineData("Entering Passive Mode (127,0,0,1,195,80).", "127.0.0.1", 50000)]
    [InlineData("Entering Passive Mode 10,1,2,3,4,1", "10.1.2.3", 1025)]
    [InlineData("=192,168,0,9,255,255", "192.168.0.9", 65535)]
    public void Pasv_tuple_is_read_with_or_without_parentheses(string text, string address, int port)
    {
        var (parsed, parsedPort) = PassiveReplyParser.ParsePasv(new FtpReply(227, [text]));
        Assert.Equal(IPAddress.Parse(address), parsed);
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("Entering Passive Mode (127,0,0,1,195)")]
    [InlineData("Entering Passive Mode (300,0,0,1,1,1)")]
    [InlineData("Entering Passive Mode")]
    public void Malformed_pasv_replies_are_protocol_errors(string text) =>
        Assert.Throws<FtpProtocolException>(() => PassiveReplyParser.ParsePasv(new FtpReply(227, [text])));
}
