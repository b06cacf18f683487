using FtpMount.Ftp.Listing;
using static FtpMount.Ftp.Tests.Listing.ListingTestData;

namespace FtpMount.Ftp.Tests.Listing;

public sealed class DosListParserTests
{
    [Theory]
    // IIS default: two-digit year, 12-hour clock.
    [InlineData("01-29-97  11:32PM       <DIR>          prog", "prog", FtpEntryType.Directory, null, "1997-01-29T23:32:00Z")]
    [InlineData("03-18-98  06:01AM              2109440 nlxb318e.tar", "nlxb318e.tar", FtpEntryType.File, 2109440L, "1998-03-18T06:01:00Z")]
    [InlineData("12-05-24  12:00AM              1,234,567 big file.bin", "big file.bin", FtpEntryType.File, 1234567L, "2024-12-05T00:00:00Z")]
    [InlineData("12-05-24  12:30PM                    0 noon.txt", "noon.txt", FtpEntryType.File, 0L, "2024-12-05T12:30:00Z")]
    // Two-digit years pivot at 70.
    [InlineData("07-04-69  01:15pm                   10 sixtynine.txt", "sixtynine.txt", FtpEntryType.File, 10L, "2069-07-04T13:15:00Z")]
    [InlineData("07-04-70  01:15PM                   10 seventy.txt", "seventy.txt", FtpEntryType.File, 10L, "1970-07-04T13:15:00Z")]
    // IIS "four-digit years", 24-hour clock.
    [InlineData("01-29-2024  23:32       <DIR>          prog", "prog", FtpEntryType.Directory, null, "2024-01-29T23:32:00Z")]
    [InlineData("01-29-2024  07:05                 4096 report 2024.pdf", "report 2024.pdf", FtpEntryType.File, 4096L, "2024-01-29T07:05:00Z")]
    // Names keep inner and trailing spaces; only the padding run before them is layout.
    [InlineData("02-01-25  10:00AM                    5 two  spaces  ", "two  spaces  ", FtpEntryType.File, 5L, "2025-02-01T10:00:00Z")]
    [InlineData("02/01/25  10:00AM       <dir>          slashdate", "slashdate", FtpEntryType.Directory, null, "2025-02-01T10:00:00Z")]
    public void Dos_line_parses_to_expected_entry(string line, string name, FtpEntryType type, long? size, string modified)
    {
        var entry = SingleEntry(Parse(FtpListingFormat.Dos, line));

        Assert.Equal(Expected(name, type, size, modified, null, null), entry with { ModifiedPrecision = default });
        Assert.Equal(TimeSpan.FromMinutes(1), entry.ModifiedPrecision);
    }

    [Theory]
    [InlineData("01-29-97  11:32PM       <DIR>          .")]
    [InlineData("01-29-97  11:32PM       <DIR>          ..")]
    public void Dos_dot_entries_are_skipped_silently(string line)
    {
        var listing = Parse(FtpListingFormat.Dos, line);

        Assert.Empty(listing.Entries);
        Assert.Empty(listing.Rejected);
    }

    [Theory]
    [InlineData("-rw-r--r-- 1 0 0 1 Mar 01 10:00 unix", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29-97  11:32PM       <DIR>", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29-97  11:32PM       <DIR>          ", RejectReasons.EmptyName)]
    [InlineData("01-29-97  13:32PM       <DIR>          x", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29-97  00:32AM       <DIR>          x", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29-97  11:32XM       <DIR>          x", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29-97  11:32PM       <FILE>         x", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29-97  11:32PM       1,,2           x", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29-97  11:32PM       ,12            x", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29-971  11:32PM      <DIR>          x", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29/97  11:32PM       <DIR>          x", RejectReasons.UnrecognisedLine)]
    [InlineData("02-30-24  11:32PM       <DIR>          x", RejectReasons.InvalidDate)]
    [InlineData("13-01-24  11:32PM       <DIR>          x", RejectReasons.InvalidDate)]
    [InlineData("01-29-2024  24:00     <DIR>          x", RejectReasons.UnrecognisedLine)]
    [InlineData("01-29-97  11:32PM       <DIR>          a/b", RejectReasons.NameContainsSlash)]
    public void Dos_bad_line_is_rejected_with_reason(string line, string reason) =>
        Assert.Equal(reason, SingleRejection(Parse(FtpListingFormat.Dos, line)).Reason);

    [Theory]
    [InlineData("01-29-97  11:32PM <DIR> x", true)]
    [InlineData("01-29-2024  23:32 <DIR> x", true)]
    [InlineData("01/29/97  11:32PM <DIR> x", true)]
    [InlineData("01-29-97", false)]
    [InlineData("01-29/97  11:32PM <DIR> x", false)]
    [InlineData("1-29-97  11:32PM <DIR> x", false)]
    [InlineData("-rw-r--r-- 1 0 0 1 Mar 01 10:00 x", false)]
    [InlineData("total 24", false)]
    public void Dos_shape_is_recognised_only_for_dos_dates(string line, bool expected) =>
        Assert.Equal(expected, DosListParser.LooksLikeDos(System.Text.Encoding.ASCII.GetBytes(line)));
}
