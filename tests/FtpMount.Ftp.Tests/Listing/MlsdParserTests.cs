using FtpMount.Ftp.Listing;
using static FtpMount.Ftp.Tests.Listing.ListingTestData;

namespace FtpMount.Ftp.Tests.Listing;

public sealed class MlsdParserTests
{
    [Theory]
    [InlineData("type=file;size=5;modify=20220102030405;UNIX.mode=0600;unique=fe00gb1e012; w.txt", "w.txt", FtpEntryType.File, 5L, "2022-01-02T03:04:05Z", "600", null)]
    [InlineData("type=dir;sizd=4096;modify=20250101000000.123; sub", "sub", FtpEntryType.Directory, 4096L, "2025-01-01T00:00:00.123Z", null, null)]
    [InlineData("type=dir;size=512;modify=20250101000000; sizeonly", "sizeonly", FtpEntryType.Directory, 512L, "2025-01-01T00:00:00Z", null, null)]
    [InlineData("type=file;size=7;sizd=4096; file-ignores-sizd", "file-ignores-sizd", FtpEntryType.File, 7L, null, null, null)]
    [InlineData("Type=File;Size=10;Modify=20250101000000;unix.MODE=0755; Mixed", "Mixed", FtpEntryType.File, 10L, "2025-01-01T00:00:00Z", "755", null)]
    [InlineData("TYPE=DIR;SIZD=1; UPPER", "UPPER", FtpEntryType.Directory, 1L, null, null, null)]
    // proftpd reports symlinks as OS.unix=symlink, without the target.
    [InlineData("modify=20250101000000;perm=adfrw;size=5;type=OS.unix=symlink;unique=801U5A;UNIX.group=1000;UNIX.mode=0777;UNIX.owner=1000; link_to_w", "link_to_w", FtpEntryType.Symlink, 5L, "2025-01-01T00:00:00Z", "777", null)]
    [InlineData("type=OS.unix=slink:/var/target dir;size=11; lnk", "lnk", FtpEntryType.Symlink, 11L, null, null, "/var/target dir")]
    [InlineData("type=OS.unix=slink:; emptytarget", "emptytarget", FtpEntryType.Symlink, null, null, null, null)]
    [InlineData("type=OS.unix=chr-1/3;UNIX.mode=0666; null", "null", FtpEntryType.Other, null, null, "666", null)]
    [InlineData("type=OS.unix=blk; sda", "sda", FtpEntryType.Other, null, null, null, null)]
    [InlineData("type=OS.win=junction; junc", "junc", FtpEntryType.Other, null, null, null, null)]
    // Unknown facts are ignored; UNIX.mode with file-type bits keeps only the permission bits.
    [InlineData("x.custom=yes;type=file;media-type=text/plain;charset=UTF-8;lang=en;create=20200101000000;size=3; notes", "notes", FtpEntryType.File, 3L, null, null, null)]
    [InlineData("type=file;UNIX.mode=100644; typebits", "typebits", FtpEntryType.File, null, null, "644", null)]
    [InlineData("type=file;UNIX.mode=4755; setuid", "setuid", FtpEntryType.File, null, null, "4755", null)]
    [InlineData("type=file;modify=20161231235960; leap", "leap", FtpEntryType.File, null, "2017-01-01T00:00:00Z", null, null)]
    [InlineData("type=file;modify=20250101000000.123456789; fraction", "fraction", FtpEntryType.File, null, "2025-01-01T00:00:00.1234567Z", null, null)]
    public void Mlsd_line_parses_to_expected_entry(
        string line, string name, FtpEntryType type, long? size, string? modified, string? octalMode, string? target)
    {
        var entry = SingleEntry(Parse(FtpListingFormat.Mlsd, line));

        Assert.Equal(Expected(name, type, size, modified, octalMode, target), entry);
    }

    [Theory]
    [InlineData("type=file;size=1;  lead", " lead")]
    [InlineData("type=file;size=1;   lead", "  lead")]
    [InlineData("type=file;size=1; trail  ", "trail  ")]
    [InlineData("type=file;size=1; a;b=c; d", "a;b=c; d")]
    [InlineData("type=file;size=1; ; semicolon first", "; semicolon first")]
    [InlineData("type=file;size=1; x=y", "x=y")]
    [InlineData("type=file;size=1;    ", "   ")]
    [InlineData("type=file;size=1; type=dir; fake", "type=dir; fake")]
    [InlineData("type=file;size=1; server\\made.txt", "server\\made.txt")]
    public void Mlsd_name_is_everything_after_first_semicolon_space_verbatim(string line, string name) =>
        Assert.Equal(name, SingleEntry(Parse(FtpListingFormat.Mlsd, line)).Name);

    [Theory]
    [InlineData("type=cdir;sizd=4096;modify=20261124013523; .")]
    [InlineData("type=pdir;sizd=4096;modify=20261124013523; ..")]
    [InlineData("type=cdir;sizd=4096; /home/user")]
    [InlineData("Type=CDir; anything")]
    public void Mlsd_cdir_and_pdir_are_skipped_silently(string line)
    {
        var listing = Parse(FtpListingFormat.Mlsd, line);

        Assert.Empty(listing.Entries);
        Assert.Empty(listing.Rejected);
    }

    [Theory]
    [InlineData("size=5; w.txt", RejectReasons.MissingType)]
    [InlineData("size=5;modify=20250101000000; w.txt", RejectReasons.MissingType)]
    [InlineData("type=link; x", RejectReasons.UnknownType)]
    [InlineData("type=; x", RejectReasons.UnknownType)]
    [InlineData("type=file;size=abc; x", RejectReasons.InvalidSize)]
    [InlineData("type=file;size=-1; x", RejectReasons.InvalidSize)]
    [InlineData("type=dir;sizd=; x", RejectReasons.InvalidSize)]
    [InlineData("type=file;modify=2025; x", RejectReasons.InvalidModify)]
    [InlineData("type=file;modify=20250230000000; x", RejectReasons.InvalidModify)]
    [InlineData("type=file;modify=20250101000000.; x", RejectReasons.InvalidModify)]
    [InlineData("type=file;modify=20250101000000Z; x", RejectReasons.InvalidModify)]
    [InlineData("type=file;modify=20250101000000.1234567891; x", RejectReasons.InvalidModify)]
    [InlineData("type=file;size=1 ; x", RejectReasons.InvalidSize)]
    [InlineData("type=file;UNIX.mode=0689; x", RejectReasons.InvalidUnixMode)]
    [InlineData("type=file;size=1;", RejectReasons.UnrecognisedLine)]
    [InlineData("type=file;noequals; x", RejectReasons.UnrecognisedLine)]
    [InlineData("type=file;;size=1; x", RejectReasons.UnrecognisedLine)]
    [InlineData(" w.txt", RejectReasons.UnrecognisedLine)]
    [InlineData("type=file;size=1; ", RejectReasons.EmptyName)]
    [InlineData("type=file;size=1; .", RejectReasons.DotName)]
    [InlineData("type=dir;sizd=1; ..", RejectReasons.DotName)]
    [InlineData("type=file;size=1; ../etc/passwd", RejectReasons.NameContainsSlash)]
    [InlineData("type=file;size=1; /etc/passwd", RejectReasons.NameContainsSlash)]
    [InlineData("type=file;size=1; a\0b", RejectReasons.NameContainsNul)]
    [InlineData("type=file;size=1; a\rb", RejectReasons.NameContainsCr)]
    [InlineData("type=OS.unix=slink:a\0b; x", RejectReasons.InvalidSymlinkTarget)]
    public void Mlsd_bad_line_is_rejected_with_reason(string line, string reason) =>
        Assert.Equal(reason, SingleRejection(Parse(FtpListingFormat.Mlsd, line)).Reason);

    [Fact]
    public void Mlsd_name_with_invalid_utf8_is_rejected_not_replaced() =>
        Assert.Equal(
            RejectReasons.InvalidUtf8,
            SingleRejection(Parse(FtpListingFormat.Mlsd, Bytes("type=file;size=1; caf", [0xE9], ".txt"))).Reason);

    [Fact]
    public void Mlsd_symlink_target_with_invalid_utf8_is_rejected() =>
        Assert.Equal(
            RejectReasons.InvalidUtf8,
            SingleRejection(Parse(FtpListingFormat.Mlsd, Bytes("type=OS.unix=slink:", [0xC0, 0xAF], "; x"))).Reason);
}
