using System.Globalization;

namespace FtpMount.Ftp;

/// <summary>The RFC 3659 §2.3 time-val: YYYYMMDDHHMMSS[.sss], always UTC.</summary>
public static class FtpTimestamp
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 14)
        {
            return false;
        }

        var fraction = text[14..];
        if (!DateTime.TryParseExact(text[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return false;
        }

        if (!fraction.IsEmpty)
        {
            if (fraction[0] != '.' || fraction.Length < 2
                || !int.TryParse(fraction[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
            {
                return false;
            }

            time = time.AddTicks((long)(digits * Math.Pow(10, 7 - (fraction.Length - 1))));
        }

        value = new DateTimeOffset(time, TimeSpan.Zero);
        return true;
    }

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
