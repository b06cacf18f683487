using System.Text;

namespace FtpMount.Ftp.Listing;

/// <summary>
/// Parses one RFC 3659 MLSD line: <c>fact=value;fact=value; name</c>.
/// </summary>
/// <remarks>
/// The name is everything after the first <c>"; "</c>, verbatim: it may start with spaces and contain <c>;</c> or
/// <c>=</c>. Fact names are case-insensitive (RFC 3659 §7.1); unknown facts and <c>perm</c> are ignored.
/// </remarks>
internal static class MlsdParser
{
    private const int ModeMask = 0xFFF;     // 0o7777: some servers include the file-type bits (0o100644).
    private const int TimestampDigits = 14; // YYYYMMDDHHMMSS
    private const int MaxFractionDigits = 9;

    public static ListingLineResult ParseLine(ReadOnlySpan<byte> line, FtpNameEncoding? names = null) => ParseLine(line, isMlstReply: false, names);

    /// <param name="line">The line without its terminator.</param>
    /// <param name="isMlstReply">The line comes from an MLST reply: the name is a path of which only the last segment
    /// is kept, and cdir/pdir describe the object asked about, so they become directories instead of being skipped.</param>
    public static ListingLineResult ParseLine(ReadOnlySpan<byte> line, bool isMlstReply, FtpNameEncoding? names = null)
    {
        int separator = line.IndexOf("; "u8);
        if (separator < 0)
        {
            return ListingLineResult.Reject(RejectReasons.UnrecognisedLine);
        }

        var facts = line[..separator];
        var name = line[(separator + 2)..];

        FtpEntryType? type = null;
        bool isDirMarker = false;
        ReadOnlySpan<byte> target = default;
        bool hasTarget = false;
        long? size = null;
        long? sizd = null;
        DateTimeOffset? modified = null;
        int? mode = null;

        foreach (var range in facts.Split((byte)';'))
        {
            var fact = facts[range];
            int equals = fact.IndexOf((byte)'=');
            if (equals <= 0)
            {
                return ListingLineResult.Reject(RejectReasons.UnrecognisedLine);
            }

            var key = fact[..equals];
            var value = fact[(equals + 1)..];
            if (Ascii.EqualsIgnoreCase(key, "type"u8))
            {
                if (!TryParseType(value, out var parsedType, out isDirMarker, out target, out hasTarget))
                {
                    return ListingLineResult.Reject(RejectReasons.UnknownType);
                }

                type = parsedType;
            }
            else if (Ascii.EqualsIgnoreCase(key, "size"u8) || Ascii.EqualsIgnoreCase(key, "sizd"u8))
            {
                if (!AsciiNumber.TryParseSize(value, allowGrouping: false, out long parsedSize))
                {
                    return ListingLineResult.Reject(RejectReasons.InvalidSize);
                }

                if (key[3] is (byte)'d' or (byte)'D')
                {
                    sizd = parsedSize;
                }
                else
                {
                    size = parsedSize;
                }
            }
            else if (Ascii.EqualsIgnoreCase(key, "modify"u8))
            {
                if (!TryParseTimestamp(value, out var parsedTime))
                {
                    return ListingLineResult.Reject(RejectReasons.InvalidModify);
                }

                modified = parsedTime;
            }
            else if (Ascii.EqualsIgnoreCase(key, "UNIX.mode"u8))
            {
                if (!AsciiNumber.TryParseOctal(value, out int parsedMode))
                {
                    return ListingLineResult.Reject(RejectReasons.InvalidUnixMode);
                }

                mode = parsedMode & ModeMask;
            }
        }

        if (type is not FtpEntryType entryType)
        {
            return ListingLineResult.Reject(RejectReasons.MissingType);
        }

        if (isDirMarker && !isMlstReply)
        {
            return ListingLineResult.Skipped;
        }

        if (isMlstReply)
        {
            name = LastPathSegment(name);
        }

        // sizd is the size of a directory's own storage (RFC 3659 §7.5.7); files report size.
        long? entrySize = entryType == FtpEntryType.Directory ? sizd ?? size : size;
        return EntryFactory.Create(name, skipDotEntries: false, entryType, entrySize, modified, mode, target, hasTarget, names: names);
    }

    private static bool TryParseType(
        ReadOnlySpan<byte> value, out FtpEntryType type, out bool isDirMarker, out ReadOnlySpan<byte> target, out bool hasTarget)
    {
        type = FtpEntryType.Other;
        isDirMarker = false;
        target = default;
        hasTarget = false;

        if (Ascii.EqualsIgnoreCase(value, "file"u8))
        {
            type = FtpEntryType.File;
        }
        else if (Ascii.EqualsIgnoreCase(value, "dir"u8))
        {
            type = FtpEntryType.Directory;
        }
        else if (Ascii.EqualsIgnoreCase(value, "cdir"u8) || Ascii.EqualsIgnoreCase(value, "pdir"u8))
        {
            type = FtpEntryType.Directory;
            isDirMarker = true;
        }
        else if (value.Length > 3 && Ascii.EqualsIgnoreCase(value[..3], "OS."u8))
        {
            // proftpd: "OS.unix=symlink"; others: "OS.unix=slink:<target>". Any other OS type is a device,
            // fifo or something this client has no model for.
            var osType = value[3..];
            if (Ascii.EqualsIgnoreCase(osType, "unix=symlink"u8) || Ascii.EqualsIgnoreCase(osType, "unix=slink"u8))
            {
                type = FtpEntryType.Symlink;
            }
            else if (osType.Length > 11 && Ascii.EqualsIgnoreCase(osType[..11], "unix=slink:"u8))
            {
                type = FtpEntryType.Symlink;
                target = osType[11..];
                hasTarget = true;
            }
            else if (osType.Length == 11 && Ascii.EqualsIgnoreCase(osType, "unix=slink:"u8))
            {
                type = FtpEntryType.Symlink;
            }
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>Reads RFC 3659 time-val, <c>YYYYMMDDHHMMSS[.sss]</c>, which is always UTC.</summary>
    private static bool TryParseTimestamp(ReadOnlySpan<byte> value, out DateTimeOffset time)
    {
        time = default;
        if (value.Length < TimestampDigits
            || !AsciiNumber.TryParseInt(value[..4], out int year)
            || !AsciiNumber.TryParseInt(value.Slice(4, 2), out int month)
            || !AsciiNumber.TryParseInt(value.Slice(6, 2), out int day)
            || !AsciiNumber.TryParseInt(value.Slice(8, 2), out int hour)
            || !AsciiNumber.TryParseInt(value.Slice(10, 2), out int minute)
            || !AsciiNumber.TryParseInt(value.Slice(12, 2), out int second))
        {
            return false;
        }

        long fractionTicks = 0;
        var fraction = value[TimestampDigits..];
        if (!fraction.IsEmpty)
        {
            var digits = fraction[1..];
            if (fraction[0] != '.' || digits.IsEmpty || digits.Length > MaxFractionDigits)
            {
                return false;
            }

            // Digits beyond 100 ns (7 places) are read and dropped.
            long scale = TimeSpan.TicksPerSecond / 10;
            foreach (byte b in digits)
            {
                if (!char.IsAsciiDigit((char)b))
                {
                    return false;
                }

                fractionTicks += (b - '0') * scale;
                scale /= 10;
            }
        }

        if (!UtcTimestamp.TryCreate(year, month, day, hour, minute, second, out time)
            || time.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - fractionTicks)
        {
            return false;
        }

        time = time.AddTicks(fractionTicks);
        return true;
    }

    private static ReadOnlySpan<byte> LastPathSegment(ReadOnlySpan<byte> path)
    {
        path = path.TrimEnd((byte)'/');
        return path[(path.LastIndexOf((byte)'/') + 1)..];
    }
}
