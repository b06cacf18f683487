using System.Text;

namespace FtpMount.Cli.Config;

/// <summary>
/// A parsed mount config file (<c>/etc/ftpmount/mounts.d/NAME.conf</c>): <c>ftpmount URL MOUNTPOINT -o OPTIONS</c>
/// written down. It holds no password; the parser refuses one.
/// </summary>
internal sealed record MountConfig(
    string FilePath, ConfigValue Url, ConfigValue MountPoint, ConfigValue? Options, ConfigValue? PasswordFile)
{
    /// <summary>
    /// The command line this file stands for: <c>URL MOUNTPOINT [-o OPTIONS] [-o password_file=PATH]</c>. Options given
    /// after it on the real command line come later and so win, as mount(8) does with repeated options.
    /// </summary>
    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string> { Url.Value, MountPoint.Value };
        if (Options is { Value.Length: > 0 } options)
        {
            arguments.Add("-o");
            arguments.Add(options.Value);
        }

        if (PasswordFile is { } passwordFile)
        {
            arguments.Add("-o");
            arguments.Add("password_file=" + EscapeOptionValue(passwordFile.Value));
        }

        return arguments;
    }

    /// <summary>A path as one -o item: ',' and '\' escaped with '\', as <c>MountOption.SplitList</c> reads them.</summary>
    private static string EscapeOptionValue(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is ',' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
