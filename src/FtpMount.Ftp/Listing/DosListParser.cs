namespace FtpMount.Ftp.Listing;

/// <summary>
/// Parses one line of IIS / DOS style LIST output: <c>MM-DD-YY  HH:MMAM  &lt;DIR&gt;|size  name</c>, or with IIS's
/// "four-digit years" option <c>MM-DD-YYYY  HH:MM</c> in 24-hour time.
/// </summary>
/// <remarks>
/// IIS pads the size column with a variable run of spaces, so the name starts after that whole run and leading
/// spaces of a name cannot be told apart from padding in this format; everything after the run is kept verbatim,
/// trailing spaces included. Times carry no zone and are taken as UTC, as for Unix LIST.
/// </remarks>
internal static class DosListParser
{
    private const int DateTokenCount = 3;

    /// <summary>True when the line starts with <c>MM-DD-YY </c> or <c>MM-DD-YYYY </c> (also with '/').</summary>
    public static bool LooksLikeDos(ReadOnlySpan<byte> line)
    {
        if (line.Length < 9 || !IsDigits(line[..2]) || !IsSeparator(line[2]) || !IsDigits(line.Slice(3, 2))
            || line[5] != line[2] || !IsDigits(line.Slice(6, 2)))
        {
            return false;
        }

        return line[8] == ' ' || (line.Length > 10 && IsDigits(line.Slice(8, 2)) && line[10] == ' ');
    }

    public static ListingLineResult ParseLine(ReadOnlySpan<byte> line, FtpNameEncoding? names = null)
    {
        Span<Range> tokens = stackalloc Range[DateTokenCount];
        if (!LooksLikeDos(line) || LineTokenizer.Split(line, tokens) < DateTokenCount
            || !TryParseDate(line[tokens[0]], out int year, out int month, out int day)
            || !TryParseTime(line[tokens[1]], out int hour, out int minute))
        {
            return ListingLineResult.Reject(RejectReasons.UnrecognisedLine);
        }

        var sizeToken = line[tokens[2]];
        FtpEntryType type;
        long? size = null;
        if (System.Text.Ascii.EqualsIgnoreCase(sizeToken, "<DIR>"u8))
        {
            type = FtpEntryType.Directory;
        }
        else if (AsciiNumber.TryParseSize(sizeToken, allowGrouping: true, out long value))
        {
            type = FtpEntryType.File;
            size = value;
        }
        else
        {
            return ListingLineResult.Reject(RejectReasons.UnrecognisedLine);
        }

        if (!UtcTimestamp.TryCreate(year, month, day, hour, minute, 0, out var modified))
        {
            return ListingLineResult.Reject(RejectReasons.InvalidDate);
        }

        var rest = line[tokens[2].End.Value..];
        if (rest.IsEmpty)
        {
            return ListingLineResult.Reject(RejectReasons.UnrecognisedLine);
        }

        int nameStart = rest.IndexOfAnyExcept((byte)' ');
        var name = nameStart < 0 ? [] : rest[nameStart..];
        return EntryFactory.Create(
            name, skipDotEntries: true, type, size, modified, unixMode: null, default, hasTarget: false, TimeSpan.FromMinutes(1), names);
    }

    private static bool TryParseDate(ReadOnlySpan<byte> token, out int year, out int month, out int day)
    {
        year = 0;
        day = 0;
        if (!AsciiNumber.TryParseInt(token[..2], out month) || !AsciiNumber.TryParseInt(token.Slice(3, 2), out day)
            || !AsciiNumber.TryParseInt(token[6..], out year))
        {
            return false;
        }

        if (token.Length == 8)
        {
            // Two-digit years pivot at 70, the Unix epoch: 69 is 2069, 70 is 1970.
            year += year < 70 ? 2000 : 1900;
        }

        return token.Length is 8 or 10;
    }

    /// <summary><c>HH:MMAM</c>/<c>HH:MMPM</c> (12-hour clock) or <c>HH:MM</c> (24-hour clock).</summary>
    private static bool TryParseTime(ReadOnlySpan<byte> token, out int hour, out int minute)
    {
        hour = 0;
        minute = 0;
        int colon = token.IndexOf((byte)':');
        if (colon is not (1 or 2) || token.Length < colon + 3
            || !AsciiNumber.TryParseInt(token[..colon], out hour)
            || !AsciiNumber.TryParseInt(token.Slice(colon + 1, 2), out minute))
        {
            return false;
        }

        var suffix = token[(colon + 3)..];
        if (suffix.IsEmpty)
        {
            return hour < 24;
        }

        bool pm = System.Text.Ascii.EqualsIgnoreCase(suffix, "PM"u8);
        if ((!pm && !System.Text.Ascii.EqualsIgnoreCase(suffix, "AM"u8)) || hour is < 1 or > 12)
        {
            return false;
        }

        // 12AM is midnight, 12PM is noon.
        hour = (hour % 12) + (pm ? 12 : 0);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<byte> span) => span.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static bool IsSeparator(byte b) => b is (byte)'-' or (byte)'/';
}
