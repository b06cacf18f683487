using System.Buffers;

namespace FtpMount.Ftp.Listing;

/// <summary>
/// Decides whether a name from a listing may become a directory entry. Names from the server are untrusted:
/// a <c>/</c> or <c>..</c> could escape the mounted directory (wget CVE-2002-1344, CVE-2014-4877) and a
/// CR, LF or NUL would end or split the next FTP command that uses the name (CVE-2017-3533, bpo-30119).
/// Such names are rejected, never sanitised: trimming or replacing could silently address a different file.
/// A backslash is an ordinary character of Unix names; the core hides names with one where the server is not known
/// to be Unix-like (it could read it as a separator), and Windows cannot show them at all.
/// </summary>
/// <remarks>
/// Works on the raw UTF-8 bytes: every forbidden character is ASCII, and UTF-8 never uses ASCII byte values inside
/// a multi-byte sequence, so a byte check equals a character check and no string is built for a bad name.
/// </remarks>
internal static class EntryNameValidator
{
    /// <summary>Linux NAME_MAX, in bytes (Windows allows 255 UTF-16 units, never fewer).</summary>
    public const int MaxNameBytes = 255;

    private static readonly SearchValues<byte> Forbidden = SearchValues.Create("/\0\r\n"u8);

    public static EntryNameVerdict Check(ReadOnlySpan<byte> name, out string? reason)
    {
        if (name.IsEmpty)
        {
            reason = RejectReasons.EmptyName;
            return EntryNameVerdict.Invalid;
        }

        if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
        {
            reason = RejectReasons.DotName;
            return EntryNameVerdict.DotEntry;
        }

        if (name.Length > MaxNameBytes)
        {
            // Listed, such a name could not be looked up (Linux NAME_MAX): ls -l, cp -r and rm -r would fail on it.
            reason = RejectReasons.NameTooLong;
            return EntryNameVerdict.Invalid;
        }

        reason = FindForbiddenByte(name);
        return reason is null ? EntryNameVerdict.Valid : EntryNameVerdict.Invalid;
    }

    /// <summary>
    /// A symlink target may contain <c>/</c> and <c>..</c> (it is only reported, never followed locally), but a
    /// target with NUL, CR or LF could not be handed to readlink or back to the server unchanged.
    /// </summary>
    public static bool IsAcceptableSymlinkTarget(ReadOnlySpan<byte> target) =>
        !target.IsEmpty && target.IndexOfAny((byte)0, (byte)'\r', (byte)'\n') < 0;

    private static string? FindForbiddenByte(ReadOnlySpan<byte> name)
    {
        int index = name.IndexOfAny(Forbidden);
        if (index < 0)
        {
            return null;
        }

        return name[index] switch
        {
            (byte)'/' => RejectReasons.NameContainsSlash,
            0 => RejectReasons.NameContainsNul,
            (byte)'\r' => RejectReasons.NameContainsCr,
            _ => RejectReasons.NameContainsLf,
        };
    }
}
