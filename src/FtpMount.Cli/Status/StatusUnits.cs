using System.Globalization;

namespace FtpMount.Cli.Status;

/// <summary>How the text and live views write sizes, rates, durations, and names that came from a server.</summary>
internal static class StatusUnits
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Size(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    /// <summary>A size the mount may not know: "-" then.</summary>
    public static string Size(long? bytes) => bytes is { } known ? Size(known) : "-";

    public static string Rate(double? bytesPerSecond) =>
        bytesPerSecond is { } rate ? Size((long)rate) + "/s" : "-";

    /// <summary>"42 s", "3 min 5 s", "2 h 10 min"; "-" when unknown.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } value || double.IsNaN(value) || value < 0)
        {
            return "-";
        }

        var whole = (long)Math.Ceiling(Math.Min(value, 100 * 24 * 3600));
        return whole switch
        {
            < 60 => $"{whole} s",
            < 3600 => $"{whole / 60} min {whole % 60} s",
            _ => $"{whole / 3600} h {whole % 3600 / 60} min",
        };
    }

    public static string Percent(long part, long whole) =>
        whole <= 0 ? "100 %" : (Math.Min(1.0, (double)part / whole) * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <summary>
    /// Names and messages from a server may hold control characters (only CR, LF and NUL are refused in names); a
    /// terminal would obey an escape sequence among them. Each one is shown as <c>?</c>, as ls does.
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = IsUnsafe(source[i]) ? '?' : source[i];
            }
        });
    }

    // C0, DEL and C1 controls, and the bidirectional overrides that reorder what follows them on screen.
    private static bool IsUnsafe(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
