using System.Globalization;

namespace FtpMount.Cli.Options;

/// <summary>Typed values of the read cache's options (<c>cache=</c>, <c>cache_max_size=</c>, <c>cache_max_age=</c>).</summary>
internal static class ReadCacheValues
{
    /// <summary>Below a MiB the cache could not hold one read-ahead; almost certainly a unit mistake.</summary>
    private const double MinBytes = 1 << 20;

    /// <summary><c>cache=off|full</c>: whether the persistent read cache is on.</summary>
    public static bool Mode(MountOption option) => OptionValues.Text(option) switch
    {
        "off" => false,
        "full" => true,
        var other => throw new CommandLineException($"Option {option.Name}={other} is not off or full."),
    };

    /// <summary><c>cache_max_size=</c>: bytes, rclone's units (B, k, M, G, binary; no unit means k).</summary>
    public static long Size(MountOption option)
    {
        var text = OptionValues.Text(option);
        if (!ByteUnits.TryParse(text, out var bytes) || bytes < MinBytes || bytes > long.MaxValue / 2)
        {
            throw new CommandLineException(
                $"Option {option.Name}={text} is not a size of at least 1M: a number with an optional unit B, k, M or G "
                + "(binary; no unit means k), e.g. 20G.");
        }

        return (long)bytes;
    }

    /// <summary><c>cache_max_age=</c>: a number of seconds, or of minutes, hours or days with m, h or d after it.</summary>
    public static TimeSpan Age(MountOption option)
    {
        var text = OptionValues.Text(option);
        var unit = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            var c when char.IsAsciiDigit(c) || c == '.' => TimeSpan.FromSeconds(1),
            _ => TimeSpan.Zero,
        };
        var number = char.IsAsciiDigit(text[^1]) || text[^1] == '.' ? text : text[..^1];
        if (unit == TimeSpan.Zero
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count)
            || !double.IsFinite(count) || count <= 0 || count * unit.TotalDays > 100 * 365)
        {
            throw new CommandLineException(
                $"Option {option.Name}={text} is not a duration: a number of seconds, or with m, h or d for minutes, hours or days (e.g. 7d).");
        }

        return unit * count;
    }
}
