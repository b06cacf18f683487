using System.Text;

namespace FtpMount.Cli.Options;

/// <summary>One item of a <c>-o a,b=c</c> list: its name and, after the first '=', its value.</summary>
internal readonly record struct MountOption(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";

    /// <summary>
    /// Splits an <c>-o</c> argument at commas. As in libfuse's fuse_opt, a backslash escapes the next character, so
    /// <c>password_file=/a\,b</c> names the file "/a,b". Empty items (<c>a,,b</c>) are skipped, as mount.fuse3 does.
    /// </summary>
    public static List<MountOption> SplitList(string list)
    {
        var options = new List<MountOption>();
        var item = new StringBuilder();
        for (var i = 0; i < list.Length; i++)
        {
            var c = list[i];
            if (c == '\\' && i + 1 < list.Length)
            {
                item.Append(list[++i]);
            }
            else if (c == ',')
            {
                Add(options, item);
            }
            else
            {
                item.Append(c);
            }
        }

        Add(options, item);
        return options;
    }

    private static void Add(List<MountOption> options, StringBuilder item)
    {
        if (item.Length == 0)
        {
            return;
        }

        var text = item.ToString();
        item.Clear();
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        options.Add(equals < 0 ? new MountOption(text, null) : new MountOption(text[..equals], text[(equals + 1)..]));
    }
}
