using System.Buffers;
using System.Text;
using FtpMount.FtpProxy.Control;
using FtpMount.FtpProxy.Relay;

namespace FtpMount.FtpProxy.Tests.Control;

/// <summary>
/// The proxy pairs each final reply with the command it answers, in order (RFC 959 §4.2), so a replacement aimed at
/// RNTO hits RNTO's reply even when the commands came in one flight and replies are multi-line or preliminary; and
/// it counts commands and the client's flights.
/// </summary>
public class ControlConversationTests
{
    private readonly LinkConditions _link = new(FtpProxyOptions.Default);
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly CommandLog _log = new();
    private readonly ControlConversation _conversation;
    private readonly ControlReplyRewriter _rewriter;

    public ControlConversationTests()
    {
        _conversation = new ControlConversation(_log);
        _rewriter = new ControlReplyRewriter(_link, _ => null, _conversation);
    }

    private string Output => Encoding.Latin1.GetString(_output.WrittenSpan);

    private void Client(string text) => _conversation.ClientSent(Encoding.Latin1.GetBytes(text));

    private void Server(string text) => _rewriter.Process(Encoding.Latin1.GetBytes(text), _output);

    [Fact]
    public void A_replacement_for_RNTO_hits_its_reply_inside_a_pipelined_flight()
    {
        Server("220 ready\r\n");
        Client("STOR /t\r\n");
        Server("150 go\r\n226 done\r\n");
        Client("SITE CHMOD 644 /t\r\nMFMT 20240101000000 /t\r\nRNFR /t\r\nRNTO /f\r\n");
        _link.ArmReplyReplacement(_ => "553 refused\r\n", "RNTO");
        Server("200-chmod\r\n200 done\r\n213 Modify=x\r\n350 ok\r\n25");
        Server("0 renamed\r\n");

        Assert.Equal("220 ready\r\n150 go\r\n226 done\r\n200-chmod\r\n200 done\r\n213 Modify=x\r\n350 ok\r\n553 refused\r\n", Output);
        Assert.Equal(["STOR", "SITE CHMOD", "MFMT", "RNFR", "RNTO"], _log.Verbs);
        Assert.Equal(5, _log.Count);
        Assert.Equal(2, _log.Flights);
    }

    [Fact]
    public void Each_command_records_how_many_replies_were_still_owed_when_it_came()
    {
        Server("220 ready\r\n");
        Client("EPSV\r\nSTOR /t\r\n");
        Server("229 ok (|||5000|)\r\n150 go\r\n");
        // Sent behind the data, before the STOR's 226: the 150 answered nothing for good.
        Client("SIZE /t\r\n");
        Server("226 done\r\n213 5\r\n");
        Client("SIZE /t\r\n");

        Assert.Equal(["EPSV", "STOR", "SIZE", "SIZE"], _log.Verbs);
        Assert.Equal([0, 1, 1, 0], _log.RepliesOwed);
    }

    [Fact]
    public void Commands_split_over_reads_without_a_reply_between_are_one_flight_and_PASS_is_not_logged()
    {
        Client("USER u\r\nPA");
        Client("SS secret\r\n");
        Server("331 ok\r\n230 in\r\n");
        Client("NOOP\r\n");

        Assert.Equal(["USER u", "PASS ***", "NOOP"], _log.Lines);
        Assert.Equal(2, _log.Flights);
    }
}
