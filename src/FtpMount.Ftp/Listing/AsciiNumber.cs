namespace FtpMount.Ftp.Listing;

/// <summary>Culture-free parsing of the digit runs found in listings, straight from bytes.</summary>
internal static class AsciiNumber
{
    /// <summary>Parses 1..9 decimal digits.</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>
    /// Parses a non-negative size. <paramref name="allowGrouping"/> accepts single commas between digits, as IIS
    /// prints <c>2,109,440</c>.
    /// </summary>
    public static bool TryParseSize(ReadOnlySpan<byte> digits, bool allowGrouping, out long value)
    {
        value = 0;
        if (digits.IsEmpty || !char.IsAsciiDigit((char)digits[0]) || !char.IsAsciiDigit((char)digits[^1]))
        {
            return false;
        }

        byte previous = 0;
        foreach (byte b in digits)
        {
            if (b == ',' && allowGrouping && previous != ',')
            {
                previous = b;
                continue;
            }

            if (!char.IsAsciiDigit((char)b) || value > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
            previous = b;
        }

        return true;
    }

    /// <summary>Parses 1..7 octal digits (MLSD <c>UNIX.mode</c>).</summary>
    public static bool TryParseOctal(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 7)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'7')
            {
                return false;
            }

            value = (value << 3) | (b - '0');
        }

        return true;
    }
}
