using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace FtpMount.Ftp.Tests.Listing;

/// <summary>A name the listing rules must accept: printable Unicode, no / \ NUL CR LF, not "." or "..".</summary>
public sealed record ValidEntryName(string Value);

/// <summary>Bytes built from listing fragments, so random input reaches deep into the parsers.</summary>
public sealed record ListingSoup(byte[] Bytes);

/// <summary>Generators for the listing properties.</summary>
public static class ListingArbitraries
{
    private static readonly string[] Fragments =
    [
        "-rw-r--r--", "drwxr-xr-x", "lrwxrwxrwx", "crw-rw-rw-", "prw-r--r--+", " ", "  ", "1", "0", "1001", "staff",
        "5120", "1,", "3", "Mar", "Mär", "déc.", "05", " 5", "14:07", "2019", "24:61", "Feb 29", "->", " -> ",
        "total 24", "\r\n", "\n", "\r", "\0", "/", "\\", ".", "..", "01-29-97", "01-29-2024", "11:32PM", "23:32",
        "<DIR>", "2,109,440", "type=", "file", "dir", "cdir", "OS.unix=slink:", "OS.unix=symlink", "size=", "sizd=",
        "modify=", "20250101000000", ".123", "UNIX.mode=", "0755", "999999999999999999999", ";", "; ", "=", "name",
        "\u202E", "日本",
    ];

    public static Arbitrary<ValidEntryName> ValidEntryNames() =>
        Gen.NonEmptyListOf(NameUnit())
            .Select(units => string.Concat(units))
            .Where(name => name is not ("." or ".."))
            .Select(name => new ValidEntryName(name))
            .ToArbitrary();

    public static Arbitrary<ListingSoup> ListingSoups()
    {
        var fragment = Gen.Elements(Fragments).Select(Encoding.UTF8.GetBytes);
        var rawByte = Gen.Choose(0, 255).Select(b => new[] { (byte)b });
        return Gen.ListOf(Gen.Frequency((9, fragment), (1, rawByte)))
            .Select(parts => new ListingSoup([.. parts.SelectMany(p => p)]))
            .ToArbitrary();
    }

    private static Gen<string> NameUnit() => Gen.Frequency(
        (40, Gen.Choose(0x20, 0x7E).Where(c => c is not ('/' or '\\')).Select(c => ((char)c).ToString())),
        (10, Gen.Elements(" ", "  ", ";", "; ", "=", " -> ", "->", ".", "..", "-")),
        (8, Gen.Choose(0xA0, 0xFF).Select(c => ((char)c).ToString())),
        (6, Gen.Choose(0x0391, 0x03C9).Select(c => ((char)c).ToString())),
        (6, Gen.Choose(0x4E00, 0x9FFF).Select(c => ((char)c).ToString())),
        (4, Gen.Choose(0x1F300, 0x1F64F).Select(char.ConvertFromUtf32)));
}
