using System.Text;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Tests.Protocol;

public class FtpReplyReaderTests
{
    private static async Task<List<FtpReply>> ReadAll(string wire, int count)
    {
        using var reader = new FtpReplyReader(new MemoryStream(Encoding.UTF8.GetBytes(wire)));
        var replies = new List<FtpReply>();
        for (var i = 0; i < count; i++)
        {
            replies.Add(await reader.ReadAsync(TestContext.Current.CancellationToken));
        }

        return replies;
    }

    [Fact]
    public async Task Single_line_reply_is_split_into_code_and_text()
    {
        var reply = (await ReadAll("220 (vsFTPd 3.0.3)\r\n", 1))[0];
        Assert.Equal(220, reply.Code);
        Assert.Equal("(vsFTPd 3.0.3)", reply.Message);
    }

    [Fact]
    public async Task Multi_line_reply_ends_only_at_same_code_followed_by_space()
    {
        const string wire = "211-Features:\r\n MLST type*;size*;\r\n200 looks like a code but is text\r\n211-still inside\r\n211 End\r\n226 next\r\n";
        var replies = await ReadAll(wire, 2);
        Assert.Equal(211, replies[0].Code);
        Assert.Equal(["Features:", " MLST type*;size*;", "200 looks like a code but is text", "211-still inside", "End"], replies[0].Lines);
        Assert.Equal(226, replies[1].Code);
    }

    [Fact]
    public async Task Pure_ftpd_two_line_226_is_one_reply()
    {
        var replies = await ReadAll("226-File successfully transferred\r\n226 0.000 seconds (measured here)\r\n200 Zzz...\r\n", 2);
        Assert.Equal(226, replies[0].Code);
        Assert.Equal(2, replies[0].Lines.Count);
        Assert.Equal(200, replies[1].Code);
    }

    [Fact]
    public async Task Bare_LF_terminates_lines_too()
    {
        var reply = (await ReadAll("230-a\n230 b\n", 1))[0];
        Assert.Equal(["a", "b"], reply.Lines);
    }

    [Fact]
    public async Task Code_without_text_is_accepted()
    {
        var reply = (await ReadAll("200\r\n", 1))[0];
        Assert.Equal(200, reply.Code);
        Assert.Equal(string.Empty, reply.Message);
    }

    [Theory]
    [InlineData("hello\r\n")]
    [InlineData("20 short\r\n")]
    [InlineData("2000 four digits\r\n")]
    [InlineData("999 out of range\r\n")]
    [InlineData("220\tTab\r\n")]
    public async Task Malformed_first_line_is_a_protocol_error(string wire)
    {
        var error = await Assert.ThrowsAsync<FtpProtocolException>(() => ReadAll(wire, 1));
        Assert.Contains("Malformed reply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlong_line_is_refused_without_reading_it_all()
    {
        var wire = "220 " + new string('x', FtpReplyReader.MaxLineBytes + 10) + "\r\n";
        await Assert.ThrowsAsync<FtpProtocolException>(() => ReadAll(wire, 1));
    }

    [Fact]
    public async Task Endless_multi_line_reply_is_bounded()
    {
        var builder = new StringBuilder("220-start\r\n");
        for (var i = 0; i < FtpReplyReader.MaxLines + 5; i++)
        {
            builder.Append("220-more\r\n");
        }

        var error = await Assert.ThrowsAsync<FtpProtocolException>(() => ReadAll(builder.ToString(), 1));
        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_of_stream_mid_reply_is_connection_lost()
    {
        await Assert.ThrowsAsync<FtpConnectionLostException>(() => ReadAll("211-Features:\r\n UTF8\r\n", 1));
    }

    [Fact]
    public async Task Replacing_the_stream_drops_buffered_plaintext()
    {
        using var reader = new FtpReplyReader(new MemoryStream("234 AUTH TLS ok\r\n230 injected\r\n"u8.ToArray()));
        var auth = await reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(234, auth.Code);
        var dropped = reader.ReplaceStream(new MemoryStream("220 after handshake\r\n"u8.ToArray()));
        Assert.Equal("230 injected\r\n".Length, dropped);
        var next = await reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(220, next.Code);
    }

    [Fact]
    public async Task Invalid_utf8_in_reply_text_becomes_replacement_characters()
    {
        using var reader = new FtpReplyReader(new MemoryStream([.. "550 bad "u8, 0xFF, 0xFE, .. "\r\n"u8]));
        var reply = await reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(550, reply.Code);
        Assert.Contains('\uFFFD', reply.Message);
    }
}
