using System.Globalization;
using FtpMount.Ftp;
using FtpMount.Core.Entries;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Options;

/// <summary>Typed values of -o options. Every error names the option and the bad value.</summary>
internal static class OptionValues
{
    /// <summary>Longest accepted duration: a year. Longer values are almost certainly a unit mistake.</summary>
    private const double MaxSeconds = 365 * 24 * 3600;

    public static string Text(MountOption option)
    {
        if (string.IsNullOrEmpty(option.Value))
        {
            throw new CommandLineException($"Option {option.Name}= needs a value.");
        }

        return option.Value;
    }

    /// <summary>Shortest non-zero duration: a millisecond. Below it a deadline would round to "expire at once".</summary>
    private const double MinSeconds = 0.001;

    public static TimeSpan Seconds(MountOption option, bool allowZero)
    {
        var text = Text(option);
        // double.TryParse accepts "NaN", "Infinity" and "∞" whatever the style flags; TimeSpan.FromSeconds then throws.
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxSeconds
            || (seconds < MinSeconds && !(allowZero && seconds == 0)))
        {
            var lowest = allowZero ? "0" : MinSeconds.ToString(CultureInfo.InvariantCulture);
            throw new CommandLineException(
                $"Option {option.Name}={text} is not a number of seconds; expected {lowest} to {MaxSeconds:0}, decimals allowed (e.g. 2.5).");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    public static int Integer(MountOption option, int min, int max)
    {
        var text = Text(option);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new CommandLineException($"Option {option.Name}={text} is not a whole number from {min} to {max}.");
        }

        return value;
    }

    public static uint Id(MountOption option)
    {
        var text = Text(option);
        // (uid_t)-1 means "no change" to chown(2); it is never a real owner.
        if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value == uint.MaxValue)
        {
            throw new CommandLineException($"Option {option.Name}={text} is not a numeric id (0 to {uint.MaxValue - 1}).");
        }

        return value;
    }

    public static int Octal(MountOption option, int max)
    {
        var text = Text(option);
        var value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '7' || (value = (value * 8) + (c - '0')) > max)
            {
                throw new CommandLineException(
                    $"Option {option.Name}={text} is not an octal mode from 0 to {Convert.ToString(max, 8)} (e.g. 022).");
            }
        }

        return value;
    }

    public static string Path(MountOption option, string currentDirectory)
    {
        var text = Text(option);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new CommandLineException($"Option {option.Name}= contains a NUL character.");
        }

        return System.IO.Path.GetFullPath(text, currentDirectory);
    }

    public static void NoValue(MountOption option)
    {
        if (option.Value is not null)
        {
            throw new CommandLineException($"Option {option.Name} takes no value, got {option.Name}={option.Value}.");
        }
    }

    public static OutsideLinkPolicy OutsideLinks(MountOption option) => Text(option) switch
    {
        "block" => OutsideLinkPolicy.Block,
        "hide" => OutsideLinkPolicy.Hide,
        var other => throw new CommandLineException($"Option symlinks={other} is not one of block, hide."),
    };

    public static FtpNameEncoding NameEncoding(MountOption option)
    {
        var text = Text(option);
        try
        {
            return FtpNameEncoding.Get(text);
        }
        catch (ArgumentException e)
        {
            throw new CommandLineException($"Option {option.Name}={text}: {e.Message.Replace(" (Parameter 'name')", string.Empty, StringComparison.Ordinal)}");
        }
    }

    public static FtpTlsMode Tls(MountOption option) => Text(option) switch
    {
        "none" => FtpTlsMode.None,
        "explicit" => FtpTlsMode.Explicit,
        "implicit" => FtpTlsMode.Implicit,
        var other => throw new CommandLineException($"Option tls={other} is not one of none, explicit, implicit."),
    };

    public static LogLevel Level(MountOption option) => Text(option) switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        var other => throw new CommandLineException(
            $"Option log_level={other} is not one of trace, debug, info, warning, error."),
    };

    public static string Fingerprint(MountOption option)
    {
        var text = Text(option);
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal);
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new CommandLineException(
                $"Option fingerprint={text} is not a SHA-256 fingerprint: expected 64 hex digits, colons allowed.");
        }

        return hex.ToLowerInvariant();
    }

    public static string HostName(MountOption option)
    {
        var text = Text(option);
        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':'))
        {
            throw new CommandLineException($"Option {option.Name}={text} is not a host name.");
        }

        return text;
    }

    public static string UserName(MountOption option)
    {
        var text = Text(option);
        if (text.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new CommandLineException($"Option {option.Name}= contains CR, LF or NUL.");
        }

        return text;
    }

    public static string VariableName(MountOption option)
    {
        var text = Text(option);
        if (!(char.IsAsciiLetter(text[0]) || text[0] == '_') || !text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new CommandLineException(
                $"Option {option.Name}={text} is not an environment variable name (letters, digits, _).");
        }

        return text;
    }
}
