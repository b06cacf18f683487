using System.Text;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;

namespace FtpMount.Ftp.Tests;

public class FtpNameEncodingTests
{
    [Theory]
    [InlineData("windows-1251", "Привет.txt")]
    [InlineData("cp1251", "Привет.txt")]
    [InlineData("windows-1252", "Café.txt")]
    [InlineData("latin1", "Ærø.txt")]
    [InlineData("shift_jis", "日本語のファイル.txt")]
    [InlineData("gbk", "中文文件.txt")]
    [InlineData("cp437", "Ç├─.txt")]
    public void A_name_written_in_a_code_page_reads_back_the_same(string encoding, string name)
    {
        var names = FtpNameEncoding.Get(encoding);
        var bytes = new byte[names.GetByteCount(name)];
        names.GetBytes(name, bytes);

        Assert.False(names.IsUtf8);
        Assert.True(names.TryDecode(bytes, out var back));
        Assert.Equal(name, back);
        Assert.NotEqual(Encoding.UTF8.GetBytes(name), bytes);
    }

    [Fact]
    public void A_character_the_code_page_lacks_is_refused_not_replaced()
    {
        var names = FtpNameEncoding.Get("windows-1251");

        Assert.False(names.CanEncode("/files/日本.txt"));
        var e = Assert.Throws<FtpUnencodableNameException>(() => names.GetByteCount("STOR /files/日本.txt"));
        Assert.Contains("windows-1251", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_invalid_in_the_code_page_are_not_a_name()
    {
        // 0x81 0x7F and a lone lead byte are no Shift_JIS characters; a lone lead byte ends none in GBK either.
        Assert.False(FtpNameEncoding.Get("shift_jis").TryDecode([0x41, 0x81, 0x7F], out _));
        Assert.False(FtpNameEncoding.Get("shift_jis").TryDecode([0x41, 0x81], out _));
        Assert.False(FtpNameEncoding.Get("gbk").TryDecode([0x41, 0x81], out _));
        Assert.False(FtpNameEncoding.Utf8.TryDecode([0xCF, 0xF0], out _));
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF8")]
    public void Utf8_by_any_name_is_the_default_encoding(string name) =>
        Assert.Same(FtpNameEncoding.Utf8, FtpNameEncoding.Get(name));

    [Theory]
    [InlineData("no-such-encoding")]
    [InlineData("utf-16")]
    [InlineData("utf-7")]
    [InlineData("IBM037")]
    public void Unknown_encodings_and_those_not_writing_ascii_as_ascii_are_refused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => FtpNameEncoding.Get(name));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listing_in_a_code_page_gives_its_names_and_refuses_lines_invalid_in_it()
    {
        var sjis = FtpNameEncoding.Get("shift_jis");
        var listing = new List<byte>();
        listing.AddRange("-rw-r--r--    1 1000     1000           13 Jan 02  2020 "u8.ToArray());
        listing.AddRange(sjis.IsUtf8 ? [] : Encoding.GetEncoding("shift_jis").GetBytes("日本語.txt\r\n"));
        listing.AddRange("-rw-r--r--    1 1000     1000           13 Jan 02  2020 bad"u8.ToArray());
        listing.AddRange([0x81, 0x7F, (byte)'\r', (byte)'\n']);

        var parsed = new FtpListingParser(FtpListingFormat.Auto, names: sjis).Parse(listing.ToArray());
        var asUtf8 = new FtpListingParser(FtpListingFormat.Auto).Parse(listing.ToArray());

        Assert.Equal(["日本語.txt"], parsed.Entries.Select(e => e.Name));
        Assert.Equal(RejectReasons.InvalidInEncoding, Assert.Single(parsed.Rejected).Reason);
        Assert.Empty(asUtf8.Entries);
        Assert.All(asUtf8.Rejected, r => Assert.Equal(RejectReasons.InvalidUtf8, r.Reason));
    }

    [Fact]
    public void An_mlst_reply_in_a_code_page_gives_its_name()
    {
        var sjis = FtpNameEncoding.Get("shift_jis");
        var entry = MlstReplyParser.ParseFactsLine(" type=file;size=5;modify=20200102070809; /dir/日本語.txt", sjis);

        Assert.Equal("日本語.txt", entry?.Name);
    }
}
