using System.Buffers;
using System.Text;
using FtpMount.FtpProxy.Control;
using FtpMount.FtpProxy.Relay;

namespace FtpMount.FtpProxy.Tests.Control;

public class ControlReplyRewriterTests
{
    private const int ProxyPort = 40000; // 156 * 256 + 64

    private readonly LinkConditions _link = new(FtpProxyOptions.Default);
    private readonly List<int> _relayed = [];
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly ControlReplyRewriter _rewriter;

    public ControlReplyRewriterTests()
    {
        _rewriter = new ControlReplyRewriter(_link, port =>
        {
            _relayed.Add(port);
            return ProxyPort;
        });
    }

    private string Output => Encoding.Latin1.GetString(_output.WrittenSpan);

    [Theory]
    [InlineData("229 Entering Extended Passive Mode (|||50000|)\r\n", "229 Entering Extended Passive Mode (|||40000|)\r\n")]
    [InlineData("229 Extended (!!!50000!) ok\r\n", "229 Extended (!!!40000!) ok\r\n")]
    [InlineData("227 Entering Passive Mode (10,0,0,5,195,80).\r\n", "227 Entering Passive Mode (127,0,0,1,156,64).\r\n")]
    [InlineData("227 Entering Passive Mode 10,0,0,5,195,80\r\n", "227 Entering Passive Mode 127,0,0,1,156,64\r\n")]
    [InlineData("227 =195,80,0,5,195,80\r\n", "227 =127,0,0,1,156,64\r\n")]
    public void Passive_replies_get_the_proxy_port(string reply, string expected)
    {
        Feed(reply);

        Assert.Equal(expected, Output);
        Assert.Equal([50000], _relayed);
    }

    [Theory]
    [InlineData("227-not final (10,0,0,5,195,80)\r\n")]
    [InlineData("229 Extended mode (|||0|)\r\n")]
    [InlineData("229 Extended mode (|||70000|)\r\n")]
    [InlineData("227 no address here\r\n")]
    [InlineData("200 PORT (10,0,0,5,195,80) ok\r\n")]
    public void Other_lines_pass_unchanged(string line)
    {
        Feed(line);

        Assert.Equal(line, Output);
        Assert.Empty(_relayed);
    }

    [Fact]
    public void A_passive_reply_split_across_reads_is_held_until_its_line_ends()
    {
        Feed("2");
        Feed("29 Entering Extended Passive Mode (|||50");
        Assert.Equal("", Output);

        Feed("000|)\r\n");

        Assert.Equal("229 Entering Extended Passive Mode (|||40000|)\r\n", Output);
    }

    [Fact]
    public void A_partial_line_that_cannot_be_passive_passes_at_once()
    {
        Feed("150 Opening BINARY");
        Assert.Equal("150 Opening BINARY", Output);

        Feed(" mode\r\n229 (|||50000|)\r\n");

        Assert.Equal("150 Opening BINARY mode\r\n229 (|||40000|)\r\n", Output);
    }

    [Fact]
    public void Bytes_that_are_not_ftp_are_not_held()
    {
        Feed("p");

        Assert.Equal("p", Output);
    }

    [Fact]
    public void Held_bytes_are_written_out_at_end_of_stream()
    {
        Feed("22");
        _rewriter.Complete(_output);

        Assert.Equal("22", Output);
    }

    [Fact]
    public void A_line_beyond_the_hold_limit_is_forwarded_unread()
    {
        var longLine = "229 " + new string('a', ControlReplyRewriter.MaxHeldLine);
        Feed(longLine);

        Assert.Equal(longLine, Output);
    }

    [Fact]
    public void A_replacement_gets_the_whole_multi_line_reply_once()
    {
        string? seen = null;
        _link.ArmReplyReplacement(reply =>
        {
            seen = reply;
            return "500 replaced\r\n";
        });

        Feed("211-Features:\r\n MDTM\r\n211 End\r\n200 next\r\n");

        Assert.Equal("211-Features:\r\n MDTM\r\n211 End\r\n", seen);
        Assert.Equal("500 replaced\r\n200 next\r\n", Output);
    }

    private void Feed(string text) => _rewriter.Process(Encoding.Latin1.GetBytes(text), _output);
}
