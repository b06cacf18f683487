namespace FtpMount.Ftp.Listing;

/// <summary>
/// Parses one line of <c>ls -l</c> style LIST output:
/// <c>perms links owner [group] size|major, minor Mon DD HH:MM|YYYY name[ -> target]</c>.
/// </summary>
/// <remarks>
/// The name is cut from the raw line, not rebuilt from tokens: after the date, exactly one space is layout and the
/// rest is the name, so leading, repeated and trailing spaces survive (vsftpd sends <c>01:33  lead.txt</c> for
/// <c>" lead.txt"</c>). LIST times carry no zone; they are taken as UTC because that is vsftpd's default
/// (<c>use_localtime=NO</c>) and the server's zone cannot be known here. Exact times come later from MDTM or MLSD.
/// </remarks>
internal static class UnixListParser
{
    // perms links owner group major, minor Mon DD time: the widest layout up to the end of the date.
    private const int MaxTokens = 9;

    // Index of the month token: owner at 2 is mandatory, the group is optional, a device takes two size tokens.
    private const int FirstMonthToken = 4;
    private const int LastMonthToken = 6;

    public static ListingLineResult ParseLine(ReadOnlySpan<byte> line, DateTimeOffset now, FtpNameEncoding? names = null)
    {
        Span<Range> tokens = stackalloc Range[MaxTokens];
        int count = LineTokenizer.Split(line, tokens);
        if (IsTotalLine(line, tokens, count))
        {
            return ListingLineResult.Skipped;
        }

        if (count < FirstMonthToken + 3
            || !UnixPermissions.TryParse(line[tokens[0]], out var type, out int mode)
            || !AsciiNumber.TryParseInt(line[tokens[1]], out _))
        {
            return ListingLineResult.Reject(RejectReasons.UnrecognisedLine);
        }

        bool isDevice = line[tokens[0]][0] is (byte)'c' or (byte)'b';
        for (int month = FirstMonthToken; month <= LastMonthToken && month + 2 < count; month++)
        {
            if (!TryReadSize(line, tokens, month, isDevice, out long? size)
                || !TryReadDateShape(line, tokens, month, out var date))
            {
                continue;
            }

            if (!date.TryResolve(now, out var modified))
            {
                return ListingLineResult.Reject(RejectReasons.InvalidDate);
            }

            return CreateEntry(line[tokens[month + 2].End.Value..], type, size, modified, date.Precision, mode, names);
        }

        return ListingLineResult.Reject(RejectReasons.UnrecognisedLine);
    }

    private static ListingLineResult CreateEntry(
        ReadOnlySpan<byte> afterDate, FtpEntryType type, long? size, DateTimeOffset modified, TimeSpan precision, int mode, FtpNameEncoding? names)
    {
        if (afterDate.IsEmpty)
        {
            return ListingLineResult.Reject(RejectReasons.UnrecognisedLine);
        }

        var name = afterDate[1..];
        ReadOnlySpan<byte> target = default;
        bool hasTarget = false;
        if (type == FtpEntryType.Symlink && name.Length > 1)
        {
            // The first " -> " not at position 0 (as lftp does): a name may itself start with " -> ".
            // A name containing " -> " further on is ambiguous in LIST; MLSD or MLST resolves that.
            int arrow = name[1..].IndexOf(" -> "u8);
            if (arrow >= 0)
            {
                arrow++;
                target = name[(arrow + 4)..];
                name = name[..arrow];
                hasTarget = true;
            }
        }

        return EntryFactory.Create(name, skipDotEntries: true, type, size, modified, mode, target, hasTarget, precision, names);
    }

    private static bool TryReadSize(ReadOnlySpan<byte> line, ReadOnlySpan<Range> tokens, int month, bool isDevice, out long? size)
    {
        size = null;
        var last = line[tokens[month - 1]];
        if (isDevice)
        {
            // "1,   3" is two tokens; "8,0" (narrow columns) is one.
            int majorIndex = month - 2;
            if (majorIndex is 3 or 4 && IsMajor(line[tokens[majorIndex]]) && AsciiNumber.TryParseInt(last, out _))
            {
                return true;
            }

            int comma = last.IndexOf((byte)',');
            if (month - 1 is 3 or 4 && comma > 0
                && AsciiNumber.TryParseInt(last[..comma], out _) && AsciiNumber.TryParseInt(last[(comma + 1)..], out _))
            {
                return true;
            }
        }

        if (month - 1 is 3 or 4 && AsciiNumber.TryParseSize(last, allowGrouping: false, out long value))
        {
            size = value;
            return true;
        }

        return false;
    }

    private static bool IsMajor(ReadOnlySpan<byte> token) =>
        token.Length > 1 && token[^1] == ',' && AsciiNumber.TryParseInt(token[..^1], out _);

    private static bool TryReadDateShape(ReadOnlySpan<byte> line, ReadOnlySpan<Range> tokens, int month, out UnixDate date)
    {
        date = default;
        var dayToken = line[tokens[month + 1]];
        var last = line[tokens[month + 2]];
        if (!MonthNames.TryParse(line[tokens[month]], out int monthNumber)
            || dayToken.Length > 2 || !AsciiNumber.TryParseInt(dayToken, out int day))
        {
            return false;
        }

        if (last.Length == 4 && AsciiNumber.TryParseInt(last, out int year))
        {
            date = new UnixDate(monthNumber, day, year, 0, 0);
            return true;
        }

        // "HH:MM" or "H:MM"; some servers add ":SS", which is read and dropped like the minute-precision rest.
        int colon = last.IndexOf((byte)':');
        if (colon is 1 or 2 && last.Length >= colon + 3
            && AsciiNumber.TryParseInt(last[..colon], out int hour)
            && AsciiNumber.TryParseInt(last.Slice(colon + 1, 2), out int minute)
            && (last.Length == colon + 3
                || (last.Length == colon + 6 && last[colon + 3] == ':' && AsciiNumber.TryParseInt(last[(colon + 4)..], out _))))
        {
            date = new UnixDate(monthNumber, day, Year: null, hour, minute);
            return true;
        }

        return false;
    }

    private static bool IsTotalLine(ReadOnlySpan<byte> line, ReadOnlySpan<Range> tokens, int count)
    {
        if (count != 2 || !char.IsAsciiDigit((char)line[tokens[1]][0]))
        {
            return false;
        }

        // GNU ls prints "total" in English and "insgesamt" under a German locale, the locale that also gives "Mär".
        var word = line[tokens[0]];
        return System.Text.Ascii.EqualsIgnoreCase(word, "total"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "insgesamt"u8);
    }
}
