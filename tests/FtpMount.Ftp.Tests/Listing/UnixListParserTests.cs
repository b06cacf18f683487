using FtpMount.Ftp.Listing;
using static FtpMount.Ftp.Tests.Listing.ListingTestData;

namespace FtpMount.Ftp.Tests.Listing;

public sealed class UnixListParserTests
{
    // Lines written for these tests in the styles of the servers named; "now" is 2025-03-10 12:00 UTC.
    [Theory]
    // vsftpd: numeric owner and group, zero-padded day.
    [InlineData("-rw-r--r--    1 1001     1001         5120 Mar 05 14:07 report.txt", "report.txt", FtpEntryType.File, 5120L, "2025-03-05T14:07:00Z", "644", null)]
    [InlineData("-rw-r--r--    1 1001     1001         5120 Mar 05  2019 old.txt", "old.txt", FtpEntryType.File, 5120L, "2019-03-05T00:00:00Z", "644", null)]
    [InlineData("drwxr-xr-x    2 1001     1001         4096 Feb 27 09:15 photos", "photos", FtpEntryType.Directory, 4096L, "2025-02-27T09:15:00Z", "755", null)]
    [InlineData("prw-r--r--    1 0        0               0 Nov 24 01:38 fifo1", "fifo1", FtpEntryType.Other, 0L, "2024-11-24T01:38:00Z", "644", null)]
    // pure-ftpd: group names, space-padded day.
    [InlineData("-rw-r--r--    1 alice      staff              12 Jan  2  2022 notes.md", "notes.md", FtpEntryType.File, 12L, "2022-01-02T00:00:00Z", "644", null)]
    [InlineData("drwxr-xr-x    3 alice      staff            4096 Mar  9 22:10 src", "src", FtpEntryType.Directory, 4096L, "2025-03-09T22:10:00Z", "755", null)]
    // proftpd.
    [InlineData("-rw-r--r--   1 ftpuser  ftpgroup     2048 Dec 31 23:59 new year.txt", "new year.txt", FtpEntryType.File, 2048L, "2024-12-31T23:59:00Z", "644", null)]
    [InlineData("lrwxrwxrwx   1 ftpuser  ftpgroup        9 Nov 24 01:38 latest -> v2/app.tar", "latest", FtpEntryType.Symlink, 9L, "2024-11-24T01:38:00Z", "777", "v2/app.tar")]
    // proftpd STAT output puts a space in front of each line.
    [InlineData(" -rw-r--r--   1 ftpuser  ftpgroup        1 Mar 01 10:00 stat.txt", "stat.txt", FtpEntryType.File, 1L, "2025-03-01T10:00:00Z", "644", null)]
    // pyftpdlib.
    [InlineData("-rw-rw-rw-   1 giampaolo staff        5320 Jan 12 10:21 README", "README", FtpEntryType.File, 5320L, "2025-01-12T10:21:00Z", "666", null)]
    [InlineData("lrwxrwxrwx   1 giampaolo staff          11 Jan 12 10:21 docs -> /srv/docs", "docs", FtpEntryType.Symlink, 11L, "2025-01-12T10:21:00Z", "777", "/srv/docs")]
    // The year form of old listings: two spaces before the year, one before the name.
    [InlineData("-rw-r--r--   1 root     other        531 Jan 29  1997 x", "x", FtpEntryType.File, 531L, "1997-01-29T00:00:00Z", "644", null)]
    // Missing group column.
    [InlineData("-rw-r--r--    1 ftp            1024 Jan 29 23:32 nogroup.bin", "nogroup.bin", FtpEntryType.File, 1024L, "2025-01-29T23:32:00Z", "644", null)]
    [InlineData("dr-xr-xr-x   2 root                  512 Apr  8  1994 nogroup dir", "nogroup dir", FtpEntryType.Directory, 512L, "1994-04-08T00:00:00Z", "555", null)]
    // Devices have "major, minor" in place of the size; other special files.
    [InlineData("crw-rw-rw-    1 0        0          1,   3 Jan 01  2020 null", "null", FtpEntryType.Other, null, "2020-01-01T00:00:00Z", "666", null)]
    [InlineData("brw-rw----    1 0        6          8,0 Jan 01  2020 sda", "sda", FtpEntryType.Other, null, "2020-01-01T00:00:00Z", "660", null)]
    [InlineData("crw-rw-rw-    1 root       1,   5 Jan 01  2020 zero", "zero", FtpEntryType.Other, null, "2020-01-01T00:00:00Z", "666", null)]
    [InlineData("srwxrwxrwx    1 0        0               0 Mar 01 10:00 sock", "sock", FtpEntryType.Other, 0L, "2025-03-01T10:00:00Z", "777", null)]
    [InlineData("Dr--r--r--    1 0        0               0 Mar 01 10:00 door", "door", FtpEntryType.Other, 0L, "2025-03-01T10:00:00Z", "444", null)]
    // Special permission bits and the ACL / xattr / SELinux markers.
    [InlineData("-rwsr-xr-x    1 0        0             100 Mar 01 10:00 suid", "suid", FtpEntryType.File, 100L, "2025-03-01T10:00:00Z", "4755", null)]
    [InlineData("-rwSr-----    1 0        0             100 Mar 01 10:00 suid-noexec", "suid-noexec", FtpEntryType.File, 100L, "2025-03-01T10:00:00Z", "4640", null)]
    [InlineData("drwxr-sr-x    2 0        0            4096 Mar 01 10:00 sgid", "sgid", FtpEntryType.Directory, 4096L, "2025-03-01T10:00:00Z", "2755", null)]
    [InlineData("drwxrwxrwt    2 0        0            4096 Mar 01 10:00 tmp", "tmp", FtpEntryType.Directory, 4096L, "2025-03-01T10:00:00Z", "1777", null)]
    [InlineData("drwxrwxrwT    2 0        0            4096 Mar 01 10:00 sticky", "sticky", FtpEntryType.Directory, 4096L, "2025-03-01T10:00:00Z", "1776", null)]
    [InlineData("-rw-r--r--+   1 0        0               1 Mar 01 10:00 acl", "acl", FtpEntryType.File, 1L, "2025-03-01T10:00:00Z", "644", null)]
    [InlineData("drwxr-xr-x@   4 bob      staff         128 Mar 01 10:00 mac", "mac", FtpEntryType.Directory, 128L, "2025-03-01T10:00:00Z", "755", null)]
    [InlineData("-rw-r--r--.   1 0        0               1 Mar 01 10:00 selinux", "selinux", FtpEntryType.File, 1L, "2025-03-01T10:00:00Z", "644", null)]
    // Other column variants.
    [InlineData("-rw-r--r--    1 0        0      5368709120 Mar 01  9:05 big.iso", "big.iso", FtpEntryType.File, 5368709120L, "2025-03-01T09:05:00Z", "644", null)]
    [InlineData("-rw-r--r--    1 0        0               1 Mar 01 10:00:59 seconds", "seconds", FtpEntryType.File, 1L, "2025-03-01T10:00:00Z", "644", null)]
    public void Unix_line_parses_to_expected_entry(
        string line, string name, FtpEntryType type, long? size, string? modified, string? octalMode, string? target)
    {
        var entry = SingleEntry(Parse(FtpListingFormat.Unix, line));

        Assert.Equal(Expected(name, type, size, modified, octalMode, target), entry with { ModifiedPrecision = default });
    }

    // A time of day is minutes; a year column (older than six months) leaves only the day. MDTM is asked for these.
    [Theory]
    [InlineData("-rw-r--r--    1 1001     1001         5120 Mar 05 14:07 report.txt", 60)]
    [InlineData("-rw-r--r--    1 1001     1001         5120 Mar 05  2019 old.txt", 86400)]
    [InlineData("-rw-r--r--    1 0        0               1 Mar 01 10:00:59 seconds", 60)]
    public void Unix_line_says_how_coarse_its_time_is(string line, int seconds)
    {
        var entry = SingleEntry(Parse(FtpListingFormat.Unix, line));

        Assert.Equal(TimeSpan.FromSeconds(seconds), entry.ModifiedPrecision);
        Assert.True(entry.HasCoarseTime);
    }

    [Theory]
    [InlineData("-rw-r--r--    1 102      105             1 Nov 24 01:33  lead.txt", " lead.txt")]
    [InlineData("-rw-r--r--    1 102      105             1 Nov 24 01:33    three.txt", "   three.txt")]
    public void Unix_line_keeps_leading_spaces_in_name(string line, string name) =>
        Assert.Equal(name, SingleEntry(Parse(FtpListingFormat.Unix, line)).Name);

    [Fact]
    public void Unix_line_keeps_trailing_spaces_in_name() =>
        Assert.Equal("trail  ", SingleEntry(Parse(FtpListingFormat.Unix, "-rw-r--r--    1 0 0 3 Mar 01 10:00 trail  \r\n")).Name);

    [Fact]
    public void Unix_line_keeps_repeated_spaces_in_name() =>
        Assert.Equal("two  spaces.txt", SingleEntry(Parse(FtpListingFormat.Unix, "-rw-r--r--    1 102      105             1 Nov 24 01:33 two  spaces.txt")).Name);

    [Fact]
    public void Unix_line_accepts_a_name_of_only_spaces() =>
        Assert.Equal("   ", SingleEntry(Parse(FtpListingFormat.Unix, "-rw-r--r--    1 0 0 1 Mar 01 10:00    ")).Name);

    /// <summary>A backslash is an ordinary character of a Unix name; the core decides whether its server may be sent one.</summary>
    [Fact]
    public void Unix_line_keeps_a_backslash_in_the_name() =>
        Assert.Equal("server\\made.txt", SingleEntry(Parse(FtpListingFormat.Unix, "-rw-r--r--    1 0 0 1 Mar 01 10:00 server\\made.txt")).Name);

    [Fact]
    public void Unix_regular_file_keeps_arrow_in_name() =>
        Assert.Equal("a -> b", SingleEntry(Parse(FtpListingFormat.Unix, "-rw-r--r--    1 0 0 1 Mar 01 10:00 a -> b")).Name);

    [Theory]
    [InlineData("lrwxrwxrwx    1 0        0              10 Nov 24 01:38 dangling -> ../outside", "dangling", "../outside")]
    [InlineData("lrwxrwxrwx    1 0        0               5 Mar 01 10:00  -> odd -> tgt", " -> odd", "tgt")]
    [InlineData("lrwxrwxrwx    1 0        0               5 Mar 01 10:00 a -> b -> c", "a", "b -> c")]
    [InlineData("lrwxrwxrwx    1 0        0               5 Mar 01 10:00 sp ace ->  spaced target ", "sp ace", " spaced target ")]
    public void Unix_symlink_splits_at_first_arrow_not_at_start(string line, string name, string target)
    {
        var entry = SingleEntry(Parse(FtpListingFormat.Unix, line));

        Assert.Equal(FtpEntryType.Symlink, entry.Type);
        Assert.Equal(name, entry.Name);
        Assert.Equal(target, entry.SymlinkTarget);
    }

    [Fact]
    public void Unix_symlink_without_arrow_has_no_target()
    {
        var entry = SingleEntry(Parse(FtpListingFormat.Unix, "lrwxrwxrwx    1 0 0 4 Mar 01 10:00 nolink"));

        Assert.Equal(("nolink", FtpEntryType.Symlink, (string?)null), (entry.Name, entry.Type, entry.SymlinkTarget));
    }

    [Theory]
    [InlineData("Mär 15 10:20", "2025-03-15T10:20:00Z")]
    [InlineData("MÄR 15  2023", "2023-03-15T00:00:00Z")]
    [InlineData("Mrz  1  2023", "2023-03-01T00:00:00Z")]
    [InlineData("Mai  3  2023", "2023-05-03T00:00:00Z")]
    [InlineData("Okt 12  2023", "2023-10-12T00:00:00Z")]
    [InlineData("Dez 24  2023", "2023-12-24T00:00:00Z")]
    [InlineData("janv.  5  2024", "2024-01-05T00:00:00Z")]
    [InlineData("févr. 14  2024", "2024-02-14T00:00:00Z")]
    [InlineData("mars 31  2024", "2024-03-31T00:00:00Z")]
    [InlineData("avr.  1  2024", "2024-04-01T00:00:00Z")]
    [InlineData("juin 21  2024", "2024-06-21T00:00:00Z")]
    [InlineData("juil. 14  2024", "2024-07-14T00:00:00Z")]
    [InlineData("aoû 15  2024", "2024-08-15T00:00:00Z")]
    [InlineData("août 16  2024", "2024-08-16T00:00:00Z")]
    [InlineData("déc. 25  2024", "2024-12-25T00:00:00Z")]
    [InlineData("SEP  9  2024", "2024-09-09T00:00:00Z")]
    public void Unix_line_accepts_localized_month_names(string date, string modified)
    {
        var entry = SingleEntry(Parse(FtpListingFormat.Unix, $"-rw-r--r--    1 user     group        1234 {date} datei.txt"));

        Assert.Equal(("datei.txt", Expected("x", FtpEntryType.File, null, modified, null, null).Modified), (entry.Name, entry.Modified));
    }

    [Theory]
    // Now 2025-03-10 12:00: up to six days ahead is still this year, beyond that it is last year.
    [InlineData("2025-03-10T12:00:00Z", "Mar 16 12:00", "2025-03-16T12:00:00Z")]
    [InlineData("2025-03-10T12:00:00Z", "Mar 16 12:01", "2024-03-16T12:01:00Z")]
    [InlineData("2025-03-10T12:00:00Z", "Mar 17 00:00", "2024-03-17T00:00:00Z")]
    [InlineData("2025-03-10T12:00:00Z", "Jan 01 00:00", "2025-01-01T00:00:00Z")]
    // Just after new year: last December is last year, the coming week is this year.
    [InlineData("2025-01-02T00:00:00Z", "Dec 31 23:00", "2024-12-31T23:00:00Z")]
    [InlineData("2025-01-02T00:00:00Z", "Jan 08 00:00", "2025-01-08T00:00:00Z")]
    [InlineData("2025-01-02T00:00:00Z", "Jan 08 00:01", "2024-01-08T00:01:00Z")]
    // Feb 29 in a year without one belongs to last year when that was a leap year.
    [InlineData("2025-06-01T00:00:00Z", "Feb 29 10:00", "2024-02-29T10:00:00Z")]
    public void Unix_line_without_year_takes_this_year_unless_more_than_six_days_ahead(string now, string date, string modified)
    {
        var clock = Expected("x", FtpEntryType.File, null, now, null, null).Modified!.Value;

        var entry = SingleEntry(Parse(FtpListingFormat.Unix, $"-rw-r--r--    1 0 0 1 {date} f", clock));

        Assert.Equal(Expected("x", FtpEntryType.File, null, modified, null, null).Modified, entry.Modified);
    }

    [Theory]
    [InlineData("total 24")]
    [InlineData("total 0")]
    [InlineData("insgesamt 8")]
    public void Unix_total_header_is_skipped_silently(string line)
    {
        var listing = Parse(FtpListingFormat.Unix, line);

        Assert.Empty(listing.Entries);
        Assert.Empty(listing.Rejected);
    }

    [Theory]
    [InlineData("drwxr-xr-x    2 0        0            4096 Mar 01 10:00 .")]
    [InlineData("drwxr-xr-x    2 0        0            4096 Mar 01 10:00 ..")]
    public void Unix_dot_entries_are_skipped_silently(string line)
    {
        var listing = Parse(FtpListingFormat.Unix, line);

        Assert.Empty(listing.Entries);
        Assert.Empty(listing.Rejected);
    }

    [Theory]
    [InlineData("garbage", RejectReasons.UnrecognisedLine)]
    [InlineData("total", RejectReasons.UnrecognisedLine)]
    [InlineData("-rw-r--r--    1 0 0 1 Foo 01 10:00 x", RejectReasons.UnrecognisedLine)]
    [InlineData("-rw-r--r--    x 0 0 1 Mar 01 10:00 x", RejectReasons.UnrecognisedLine)]
    [InlineData("-rwxrwxrwz    1 0 0 1 Mar 01 10:00 x", RejectReasons.UnrecognisedLine)]
    [InlineData("?rw-r--r--    1 0 0 1 Mar 01 10:00 x", RejectReasons.UnrecognisedLine)]
    [InlineData("-rw-r--r--    1 0 0 1, 3 Jan 01  2020 x", RejectReasons.UnrecognisedLine)]
    [InlineData("-rw-r--r--    1 0 0 -1 Mar 01 10:00 x", RejectReasons.UnrecognisedLine)]
    [InlineData("-rw-r--r--    1 0 0 99999999999999999999 Mar 01 10:00 x", RejectReasons.UnrecognisedLine)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 01 1:0 x", RejectReasons.UnrecognisedLine)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 01 10:00", RejectReasons.UnrecognisedLine)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 01 10:00 ", RejectReasons.EmptyName)]
    [InlineData("-rw-r--r--    1 0 0 1 Feb 30  2024 x", RejectReasons.InvalidDate)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 01 24:00 x", RejectReasons.InvalidDate)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 32 10:00 x", RejectReasons.InvalidDate)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 01 10:00 a/b", RejectReasons.NameContainsSlash)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 01 10:00 /etc/passwd", RejectReasons.NameContainsSlash)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 01 10:00 ../x", RejectReasons.NameContainsSlash)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 01 10:00 a\0b", RejectReasons.NameContainsNul)]
    [InlineData("-rw-r--r--    1 0 0 1 Mar 01 10:00 a\rb", RejectReasons.NameContainsCr)]
    [InlineData("lrwxrwxrwx    1 0 0 1 Mar 01 10:00 a/b -> c", RejectReasons.NameContainsSlash)]
    [InlineData("lrwxrwxrwx    1 0 0 1 Mar 01 10:00 a -> ", RejectReasons.InvalidSymlinkTarget)]
    [InlineData("lrwxrwxrwx    1 0 0 1 Mar 01 10:00 a -> b\0c", RejectReasons.InvalidSymlinkTarget)]
    public void Unix_bad_line_is_rejected_with_reason(string line, string reason) =>
        Assert.Equal(reason, SingleRejection(Parse(FtpListingFormat.Unix, line)).Reason);

    [Fact]
    public void Unix_feb_29_without_year_is_rejected_when_neither_candidate_year_has_one() =>
        Assert.Equal(
            RejectReasons.InvalidDate,
            SingleRejection(Parse(FtpListingFormat.Unix, "-rw-r--r-- 1 0 0 1 Feb 29 10:00 x", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero))).Reason);

    [Fact]
    public void Unix_cr_before_crlf_stays_in_name_and_is_rejected() =>
        Assert.Equal(RejectReasons.NameContainsCr, SingleRejection(Parse(FtpListingFormat.Unix, "-rw-r--r-- 1 0 0 1 Mar 01 10:00 x\r\r\n")).Reason);

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x61, 0xC3 })]                 // truncated sequence
    [InlineData(new byte[] { 0xC0, 0xAF })]                 // overlong '/': must not decode to a slash
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]           // encoded surrogate (CESU-8)
    [InlineData(new byte[] { 0xE4, 0x61 })]                 // Latin-1 "ä" followed by 'a'
    public void Unix_name_with_invalid_utf8_is_rejected_not_replaced(byte[] raw) =>
        Assert.Equal(
            RejectReasons.InvalidUtf8,
            SingleRejection(Parse(FtpListingFormat.Unix, Bytes("-rw-r--r-- 1 0 0 1 Mar 01 10:00 name", raw, ".txt"))).Reason);

    [Fact]
    public void Unix_symlink_target_with_invalid_utf8_is_rejected() =>
        Assert.Equal(
            RejectReasons.InvalidUtf8,
            SingleRejection(Parse(FtpListingFormat.Unix, Bytes("lrwxrwxrwx 1 0 0 1 Mar 01 10:00 a -> b", [0xFE]))).Reason);

    [Fact]
    public void Unix_name_in_utf8_is_decoded() =>
        Assert.Equal("Grüße 日本 🎉.txt", SingleEntry(Parse(FtpListingFormat.Unix, "-rw-r--r-- 1 0 0 1 Mar 01 10:00 Grüße 日本 🎉.txt")).Name);
}
