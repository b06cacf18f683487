using System.Text;
using FsCheck;
using FsCheck.Xunit;
using FtpMount.Ftp.Listing;
using static FtpMount.Ftp.Tests.Listing.ListingTestData;

namespace FtpMount.Ftp.Tests.Listing;

public sealed class ListingPropertyTests
{
    // Unix layouts a name can follow: vsftpd, pure-ftpd, no group, year form, device.
    private static readonly string[] UnixPrefixes =
    [
        "-rw-r--r--    1 1001     1001         5120 Mar 05 14:07 ",
        "-rw-r--r--    1 alice      staff              12 Jan  2  2022 ",
        "-rw-r--r--    1 ftp            1024 Jan 29 23:32 ",
        "drwxr-xr-x   2 root     other        531 Jan 29  1997 ",
        "crw-rw-rw-    1 0        0          1,   3 Mär 01  2020 ",
    ];

    private static readonly FtpListingFormat[] AllFormats =
        [FtpListingFormat.Mlsd, FtpListingFormat.Unix, FtpListingFormat.Dos, FtpListingFormat.Auto];

    private static readonly string[] Corpus =
    [
        "-rw-r--r--    1 1001     1001         5120 Mar 05 14:07 report.txt",
        "lrwxrwxrwx    1 0        0              10 Nov 24 01:38 dangling -> ../outside",
        "crw-rw-rw-    1 0        0          1,   3 Jan 01  2020 null",
        "-rw-r--r--    1 ftp            1024 Jan 29 23:32 nogroup.bin",
        "01-29-97  11:32PM       <DIR>          prog",
        "03-18-98  06:01AM              2109440 nlxb318e.tar",
        "type=file;size=5;modify=20220102030405.123;UNIX.mode=0600; w.txt",
        "type=OS.unix=slink:/target;size=5; link",
    ];

    [Property(Arbitrary = new[] { typeof(ListingArbitraries) }, MaxTest = 500)]
    public bool Unix_list_line_round_trips_any_valid_name(ValidEntryName name, byte layout)
    {
        string line = UnixPrefixes[layout % UnixPrefixes.Length] + name.Value + "\r\n";

        var listing = Parse(FtpListingFormat.Unix, line);

        return listing.Rejected.Count == 0 && listing.Entries.Count == 1 && listing.Entries[0].Name == name.Value;
    }

    [Property(Arbitrary = new[] { typeof(ListingArbitraries) }, MaxTest = 500)]
    public bool Unix_symlink_line_round_trips_name_and_target(ValidEntryName name, ValidEntryName target)
    {
        // LIST cannot express a name in which " -> " (or a trailing " ->") makes an earlier arrow than the real one.
        string text = $"{name.Value} -> {target.Value}";
        if (text.IndexOf(" -> ", 1, StringComparison.Ordinal) != name.Value.Length)
        {
            return true;
        }

        var listing = Parse(FtpListingFormat.Unix, $"lrwxrwxrwx    1 0        0               9 Nov 24 01:38 {text}\n");

        return listing.Entries.Count == 1 && listing.Entries[0].Name == name.Value && listing.Entries[0].SymlinkTarget == target.Value;
    }

    [Property(Arbitrary = new[] { typeof(ListingArbitraries) }, MaxTest = 500)]
    public bool Mlsd_line_round_trips_any_valid_name(ValidEntryName name)
    {
        var listing = Parse(FtpListingFormat.Mlsd, $"type=file;size=1;modify=20250101000000;UNIX.mode=0644; {name.Value}\r\n");

        return listing.Rejected.Count == 0 && listing.Entries.Count == 1 && listing.Entries[0].Name == name.Value;
    }

    [Property(Arbitrary = new[] { typeof(ListingArbitraries) }, MaxTest = 500)]
    public bool Mlst_fact_line_round_trips_any_valid_name(ValidEntryName name) =>
        MlstReplyParser.ParseFactsLine($" type=file;size=1; /srv/ftp/{name.Value}")?.Name == name.Value;

    [Property(MaxTest = 500)]
    public void Parse_never_throws_on_arbitrary_bytes(byte[] payload) => ParseWithEveryFormat(payload);

    [Property(Arbitrary = new[] { typeof(ListingArbitraries) }, MaxTest = 500)]
    public void Parse_never_throws_on_listing_fragments(ListingSoup soup) => ParseWithEveryFormat(soup.Bytes);

    [Property(MaxTest = 500)]
    public void Parse_never_throws_on_mutated_corpus_lines(byte pick, int[] positions, byte[] values)
    {
        byte[] line = Encoding.UTF8.GetBytes(Corpus[pick % Corpus.Length]);
        for (int i = 0; i < Math.Min(positions.Length, values.Length); i++)
        {
            line[(int)((uint)positions[i] % line.Length)] = values[i];
        }

        ParseWithEveryFormat(line);
        ParseWithEveryFormat(line.AsSpan(0, positions.Length % (line.Length + 1)).ToArray());
    }

    [Property(MaxTest = 500)]
    public void Mlst_parser_never_throws(string? line) => _ = MlstReplyParser.ParseFactsLine(line);

    private static void ParseWithEveryFormat(byte[] payload)
    {
        foreach (var format in AllFormats)
        {
            var listing = Parse(format, payload);
            foreach (var rejected in listing.Rejected)
            {
                AssertSafeExcerpt(rejected.Excerpt);
            }

            foreach (var entry in listing.Entries)
            {
                Assert.Equal(
                    EntryNameVerdict.Valid,
                    EntryNameValidator.Check(Encoding.UTF8.GetBytes(entry.Name), out _));
            }
        }
    }

    private static void AssertSafeExcerpt(string excerpt)
    {
        Assert.True(excerpt.Length <= LineExcerpt.MaxChars + 16, excerpt);
        foreach (char c in excerpt)
        {
            Assert.False(char.IsControl(c), excerpt);
        }
    }
}
