using FtpMount.Ftp.Listing;
using static FtpMount.Ftp.Tests.Listing.ListingTestData;

namespace FtpMount.Ftp.Tests.Listing;

public sealed class MlstReplyParserTests
{
    [Theory]
    [InlineData(" type=file;size=5;modify=20220102030405;UNIX.mode=0644; /home/user/w.txt", "w.txt", FtpEntryType.File, 5L, "2022-01-02T03:04:05Z", "644")]
    [InlineData(" type=file;size=5; w.txt", "w.txt", FtpEntryType.File, 5L, null, null)]
    [InlineData(" type=dir;sizd=4096; /pub/", "pub", FtpEntryType.Directory, 4096L, null, null)]
    [InlineData(" type=cdir;sizd=4096;modify=20250101000000; /home/user", "user", FtpEntryType.Directory, 4096L, "2025-01-01T00:00:00Z", null)]
    [InlineData(" Type=pdir; /home", "home", FtpEntryType.Directory, null, null, null)]
    [InlineData(" Type=dir;UNIX.mode=0755; /pub/ lead", " lead", FtpEntryType.Directory, null, null, "755")]
    [InlineData(" type=file;size=1; /dir/a;b=c; d\r\n", "a;b=c; d", FtpEntryType.File, 1L, null, null)]
    [InlineData("type=file;size=1; /no/leading/space", "space", FtpEntryType.File, 1L, null, null)]
    [InlineData(" type=OS.unix=symlink;size=5; /srv/link", "link", FtpEntryType.Symlink, 5L, null, null)]
    public void Mlst_fact_line_parses_to_entry_named_by_last_path_segment(
        string line, string name, FtpEntryType type, long? size, string? modified, string? octalMode)
    {
        var entry = MlstReplyParser.ParseFactsLine(line);

        Assert.Equal(Expected(name, type, size, modified, octalMode, null), entry);
    }

    [Theory]
    [InlineData(" type=file;size=5; /")]
    [InlineData(" type=file;size=5; ")]
    [InlineData(" type=dir; /home/..")]
    [InlineData(" type=file; /dir/a\0b")]
    [InlineData(" size=5; x")]
    [InlineData(" type=file;size=x; x")]
    [InlineData(" no facts here")]
    [InlineData("")]
    public void Mlst_fact_line_that_is_malformed_or_hostile_gives_null(string line) =>
        Assert.Null(MlstReplyParser.ParseFactsLine(line));

    [Fact]
    public void Mlst_fact_line_with_lone_surrogate_gives_null() =>
        Assert.Null(MlstReplyParser.ParseFactsLine(" type=file; bad" + (char)0xD800 + "surrogate"));

    [Fact]
    public void Mlst_fact_line_longer_than_limit_gives_null() =>
        Assert.Null(MlstReplyParser.ParseFactsLine(" type=file; " + new string('a', 9000)));

    [Fact]
    public void Mlst_fact_line_keeps_non_ascii_names() =>
        Assert.Equal("Grüße 日本.txt", MlstReplyParser.ParseFactsLine(" type=file;size=1; /home/Grüße 日本.txt")!.Name);
}
