namespace FtpMount.Cli.Options;

/// <summary>
/// <c>-o bwlimit=RATE[:UPRATE]</c>: RATE for downloads, and for uploads too unless UPRATE is given. Units as
/// rclone's --bwlimit (binary; a bare number is KiB/s): <c>512k</c>, <c>10M</c>, <c>1.5G</c>, <c>off</c>. Unlike
/// rclone, whose <c>UP:DOWN</c> puts uploads first, one value here limits both directions, so the download rate
/// comes first.
/// </summary>
internal sealed record BandwidthRates(long? DownloadBytesPerSecond, long? UploadBytesPerSecond)
{
    /// <summary>Below this a single listing-sized read would take seconds; almost certainly a unit mistake.</summary>
    private const long MinBytesPerSecond = 1L << 10;

    /// <summary>A TiB/s: beyond any link, so almost certainly a unit mistake too.</summary>
    private const long MaxBytesPerSecond = 1L << 40;

    public static BandwidthRates Parse(string option, string text)
    {
        var parts = text.Split(':');
        if (parts.Length > 2 || parts.Any(string.IsNullOrEmpty))
        {
            throw Invalid(option, text);
        }

        var down = Rate(option, text, parts[0]);
        var up = parts.Length == 2 ? Rate(option, text, parts[1]) : down;
        return new BandwidthRates(down, up);
    }

    private static long? Rate(string option, string whole, string text)
    {
        if (text is "off" or "0")
        {
            return null;
        }

        if (!ByteUnits.TryParse(text, out var bytes))
        {
            throw Invalid(option, whole);
        }

        if (bytes < MinBytesPerSecond || bytes > MaxBytesPerSecond)
        {
            throw new CommandLineException($"Option {option}={whole}: each rate must be between 1k and 1024G, or off.");
        }

        return (long)bytes;
    }

    private static CommandLineException Invalid(string option, string text) =>
        new($"Option {option}={text} is not RATE[:UPRATE], each a number with an optional unit B, k, M or G (binary; "
            + "no unit means k) or off, e.g. 10M or 4M:512k.");
}
