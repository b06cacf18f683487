using System.Globalization;

namespace FtpMount.Cli.Options;

/// <summary>
/// A byte count as rclone writes one (its SizeSuffix): a number with an optional binary unit B, k, M or G; a bare
/// number means KiB. <c>bwlimit=</c> and <c>cache_max_size=</c> read the same way.
/// </summary>
internal static class ByteUnits
{
    public static bool TryParse(string text, out double bytes)
    {
        bytes = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var multiplier = char.ToUpperInvariant(text[^1]) switch
        {
            'B' => 1L,
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            var c when char.IsAsciiDigit(c) || c == '.' => 1L << 10,
            _ => 0L,
        };
        var number = char.IsAsciiDigit(text[^1]) || text[^1] == '.' ? text : text[..^1];
        if (multiplier == 0
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            return false;
        }

        bytes = value * multiplier;
        return true;
    }
}
