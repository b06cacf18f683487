using System.Text;
using FtpMount.Ftp.Listing;
using static FtpMount.Ftp.Tests.Listing.ListingTestData;

namespace FtpMount.Ftp.Tests.Listing;

public sealed class FtpListingParserTests
{
    private const string VsftpdListing =
        "total 24\r\n"
        + "drwxr-xr-x    2 1001     1001         4096 Feb 27 09:15 photos\r\n"
        + "-rw-r--r--    1 1001     1001         5120 Mar 05 14:07 report.txt\r\n"
        + "lrwxrwxrwx    1 0        0               9 Nov 24 01:38 latest -> v2/app.tar\r\n";

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Parse_splits_on_crlf_or_lf(string terminator)
    {
        var listing = Parse(FtpListingFormat.Unix, VsftpdListing.Replace("\r\n", terminator, StringComparison.Ordinal));

        Assert.Empty(listing.Rejected);
        Assert.Equal(["photos", "report.txt", "latest"], listing.Entries.Select(e => e.Name));
    }

    [Fact]
    public void Parse_accepts_last_line_without_terminator() =>
        Assert.Equal("latest", Parse(FtpListingFormat.Unix, VsftpdListing.TrimEnd('\r', '\n')).Entries[^1].Name);

    [Fact]
    public void Parse_ignores_blank_lines()
    {
        var listing = Parse(FtpListingFormat.Mlsd, "\r\n\ntype=file;size=1; a\r\n\r\n\r\ntype=file;size=2; b\n\n");

        Assert.Empty(listing.Rejected);
        Assert.Equal(["a", "b"], listing.Entries.Select(e => e.Name));
    }

    [Fact]
    public void Parse_of_empty_payload_gives_empty_listing()
    {
        var listing = new FtpListingParser(FtpListingFormat.Unix).Parse([]);

        Assert.Empty(listing.Entries);
        Assert.Empty(listing.Rejected);
    }

    [Fact]
    public void Parse_keeps_first_of_duplicate_names_and_rejects_later_ones()
    {
        var listing = Parse(
            FtpListingFormat.Mlsd,
            "type=file;size=1; same\r\ntype=dir; same\r\ntype=file;size=3; Same\r\ntype=file;size=4; same\r\n");

        Assert.Equal([("same", 1L), ("Same", 3L)], listing.Entries.Select(e => (e.Name, e.Size ?? -1)));
        Assert.Equal([RejectReasons.DuplicateName, RejectReasons.DuplicateName], listing.Rejected.Select(r => r.Reason));
        Assert.Equal("type=dir; same", listing.Rejected[0].Excerpt);
    }

    [Fact]
    public void Parse_reports_duplicate_symlink_and_file_from_unix_list()
    {
        var listing = Parse(
            FtpListingFormat.Unix,
            "-rw-r--r-- 1 0 0 1 Mar 01 10:00 x\nlrwxrwxrwx 1 0 0 1 Mar 01 10:00 x -> /etc/passwd\n");

        Assert.Equal(FtpEntryType.File, Assert.Single(listing.Entries).Type);
        Assert.Equal(RejectReasons.DuplicateName, Assert.Single(listing.Rejected).Reason);
    }

    [Fact]
    public void Parse_auto_detects_dos_and_unix_per_line()
    {
        var listing = Parse(
            FtpListingFormat.Auto,
            "01-29-97  11:32PM       <DIR>          prog\r\n"
            + "-rw-r--r--    1 1001     1001         5120 Mar 05 14:07 report.txt\r\n"
            + "01-29-2024  23:32                 12 dos.txt\r\n"
            + "total 8\r\n");

        Assert.Empty(listing.Rejected);
        Assert.Equal(
            [("prog", FtpEntryType.Directory), ("report.txt", FtpEntryType.File), ("dos.txt", FtpEntryType.File)],
            listing.Entries.Select(e => (e.Name, e.Type)));
    }

    [Fact]
    public void Parse_auto_treats_digit_line_without_dos_date_as_unix() =>
        Assert.Equal(RejectReasons.UnrecognisedLine, SingleRejection(Parse(FtpListingFormat.Auto, "12345 not a dos line")).Reason);

    [Fact]
    public void Parse_rejects_line_longer_than_8_KiB_and_carries_on()
    {
        string longLine = "-rw-r--r-- 1 0 0 1 Mar 01 10:00 " + new string('a', 10 * 1024);

        var listing = Parse(FtpListingFormat.Unix, longLine + "\r\n-rw-r--r-- 1 0 0 1 Mar 01 10:00 ok\r\n");

        Assert.Equal("ok", Assert.Single(listing.Entries).Name);
        var rejected = Assert.Single(listing.Rejected);
        Assert.Equal(RejectReasons.LineTooLong, rejected.Reason);
        Assert.True(rejected.Excerpt.Length <= LineExcerpt.MaxChars + 3, rejected.Excerpt);
    }

    [Fact]
    public void Parse_accepts_line_of_exactly_8_KiB()
    {
        // A long symlink target fills the line: a name may not be longer than 255 bytes (EntryNameValidator).
        string prefix = "lrwxrwxrwx 1 0 0 1 Mar 01 10:00 link -> ";
        string target = new('t', FtpListingParser.MaxLineBytes - prefix.Length);

        var entry = SingleEntry(Parse(FtpListingFormat.Unix, prefix + target + "\r\n"));
        Assert.Equal("link", entry.Name);
        Assert.Equal(target, entry.SymlinkTarget);
    }

    [Fact]
    public void Parse_rejects_hostile_lines_and_keeps_the_good_ones()
    {
        byte[] payload =
        [
            .. Encoding.UTF8.GetBytes("-rw-r--r-- 1 0 0 1 Mar 01 10:00 good\r\n"),
            .. Encoding.UTF8.GetBytes("-rw-r--r-- 1 0 0 1 Mar 01 10:00 /etc/passwd\r\n"),
            .. Encoding.UTF8.GetBytes("drwxr-xr-x 2 0 0 1 Mar 01 10:00 ..\r\n"),
            .. Bytes("-rw-r--r-- 1 0 0 1 Mar 01 10:00 bad", [0xFF], "\r\n"),
            .. Encoding.UTF8.GetBytes("-rw-r--r-- 1 0 0 1 Mar 01 10:00 a\0b\r\n"),
            .. Encoding.UTF8.GetBytes("-rw-r--r-- 1 0 0 1 Mar 01 10:00 c\rd\r\n"),
            .. Encoding.UTF8.GetBytes("not a listing line at all\r\n"),
        ];

        var listing = Parse(FtpListingFormat.Unix, payload);

        Assert.Equal("good", Assert.Single(listing.Entries).Name);
        Assert.Equal(
            [RejectReasons.NameContainsSlash, RejectReasons.InvalidUtf8, RejectReasons.NameContainsNul, RejectReasons.NameContainsCr, RejectReasons.UnrecognisedLine],
            listing.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void Rejected_excerpt_escapes_control_characters_and_invalid_bytes()
    {
        var listing = Parse(
            FtpListingFormat.Unix,
            Bytes("-rw-r--r-- 1 0 0 1 Mar 01 10:00 a\0b\u001b[31m\\", [0xFF, 0x7F, 0x09], "\r\n"));

        Assert.Equal("-rw-r--r-- 1 0 0 1 Mar 01 10:00 a\\0b\\x1B[31m\\\\\\xFF\\x7F\\t", Assert.Single(listing.Rejected).Excerpt);
    }

    [Fact]
    public void Rejected_excerpt_escapes_bidi_controls_and_keeps_visible_unicode()
    {
        var listing = Parse(FtpListingFormat.Unix, "-rw-r--r-- 1 0 0 1 Mar 01 10:00 ü\u202Egnp.exe/x\r\n");

        Assert.Equal("-rw-r--r-- 1 0 0 1 Mar 01 10:00 ü\\u{202E}gnp.exe/x", Assert.Single(listing.Rejected).Excerpt);
    }

    [Fact]
    public void Constructor_rejects_undefined_format() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FtpListingParser((FtpListingFormat)42));

    [Fact]
    public void Parse_uses_system_clock_when_none_is_given()
    {
        var entry = new FtpListingParser(FtpListingFormat.Unix).Parse("-rw-r--r-- 1 0 0 1 Jan 01 00:00 x"u8).Entries[0];

        Assert.InRange(entry.Modified!.Value.Year, DateTimeOffset.UtcNow.Year - 1, DateTimeOffset.UtcNow.Year);
    }

    [Theory]
    [InlineData(FtpListingFormat.Unix, "-rw-r--r--    1 1001     1001         5120 Mar 05 14:07 file-{0:D6}.txt\r\n")]
    [InlineData(FtpListingFormat.Mlsd, "type=file;size=5120;modify=20250305140700;UNIX.mode=0644;unique=802U1; file-{0:D6}.txt\r\n")]
    [InlineData(FtpListingFormat.Dos, "03-05-25  02:07PM                 5120 file-{0:D6}.txt\r\n")]
    public void Parse_allocates_only_entries_and_names_per_line(FtpListingFormat format, string template)
    {
        const int lines = 20_000;
        var text = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            text.AppendFormat(System.Globalization.CultureInfo.InvariantCulture, template, i);
        }

        byte[] payload = Encoding.UTF8.GetBytes(text.ToString());
        var parser = new FtpListingParser(format, new FakeTimeProvider(Now));
        parser.Parse(payload);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var listing = parser.Parse(payload);
        long perLine = (GC.GetAllocatedBytesForCurrentThread() - before) / lines;

        Assert.Equal(lines, listing.Entries.Count);

        // An entry (~72 B), its name (~56 B) and amortised list and set growth; a string per token would double it.
        Assert.True(perLine < 300, $"{perLine} bytes per line");
    }
}
