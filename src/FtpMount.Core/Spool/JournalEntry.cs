using System.Globalization;
using System.Text;
using FtpMount.Core.Paths;

namespace FtpMount.Core.Spool;

/// <summary>
/// One pending upload as written to disk: the content (a spool file in the same folder) saved under
/// <see cref="Path"/> of <see cref="Source"/> but not yet on the server, with the metadata still to apply and the
/// server file the content was based on, so a replay can tell whether the server changed since.
/// </summary>
/// <remarks>
/// Format (UTF-8 lines "key value"; values escape %, CR, LF as %25, %0D, %0A):
/// <code>
/// ftpmount-pending 2
/// source user@host:port/root
/// path /dir/name
/// spool 0123….spool
/// mode 420 | -
/// mtime &lt;UTC ticks&gt; | -
/// base absent | &lt;size&gt; &lt;UTC ticks&gt; | &lt;size&gt; - (the size is - when the server gave none)
/// written &lt;UTC ticks&gt;
/// refused &lt;the server's answer&gt;        (only when the server refused the name or content for good)
/// </code>
/// Version 1 entries (header, path, mode, mtime; no source) are not replayed: nothing says which server they are for.
/// A refused entry is not replayed either: it stays, with its content, until a save, rename or delete of its path
/// through the mount supersedes it (an older ftpmount, which ignores the line, would try it once more).
/// </remarks>
internal sealed record JournalEntry(
    string Source,
    RemotePath Path,
    string SpoolName,
    int? Mode,
    DateTimeOffset? Modified,
    ServerBase Base,
    DateTimeOffset Written,
    string? Refused = null)
{
    public const string Header = "ftpmount-pending 2";
    public const string LegacyHeader = "ftpmount-pending 1";

    public string Format()
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        Line(text, "source", Source);
        Line(text, "path", Path.Value);
        Line(text, "spool", SpoolName);
        Line(text, "mode", Mode?.ToString(CultureInfo.InvariantCulture) ?? "-");
        Line(text, "mtime", Ticks(Modified));
        Line(text, "base", Base.Absent ? "absent" : $"{Base.Size?.ToString(CultureInfo.InvariantCulture) ?? "-"} {Ticks(Base.Modified)}");
        Line(text, "written", Ticks(Written));
        if (Refused is not null)
        {
            Line(text, "refused", Refused);
        }

        return text.ToString();
    }

    /// <summary>The entry, or null with <paramref name="problem"/> saying why it cannot be used.</summary>
    public static JournalEntry? TryParse(string text, out string problem)
    {
        var lines = text.Split('\n');
        if (lines[0] == LegacyHeader)
        {
            problem = "written by an older ftpmount, without the server it belongs to";
            return null;
        }

        if (lines[0] != Header)
        {
            problem = "not a pending-upload entry";
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.AsSpan(1))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                values[line[..space]] = Unescape(line[(space + 1)..]);
            }
        }

        try
        {
            var spool = values["spool"];
            if (spool.Contains('/', StringComparison.Ordinal) || spool.Contains('\\', StringComparison.Ordinal) || !spool.EndsWith(".spool", StringComparison.Ordinal))
            {
                problem = "its spool name is not a spool file of this folder";
                return null;
            }

            var baseParts = values["base"].Split(' ');
            var serverBase = baseParts[0] == "absent"
                ? ServerBase.None
                : new ServerBase(false, baseParts[0] == "-" ? null : long.Parse(baseParts[0], NumberStyles.None, CultureInfo.InvariantCulture), Time(baseParts[1]));
            problem = string.Empty;
            return new JournalEntry(
                values["source"],
                RemotePath.Parse(values["path"]),
                spool,
                values["mode"] == "-" ? null : int.Parse(values["mode"], NumberStyles.None, CultureInfo.InvariantCulture),
                Time(values["mtime"]),
                serverBase,
                Time(values["written"]) ?? DateTimeOffset.UnixEpoch,
                values.GetValueOrDefault("refused"));
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or OverflowException or IndexOutOfRangeException
                                      or ArgumentOutOfRangeException or InvalidRemotePathException)
        {
            problem = $"damaged ({e.Message})";
            return null;
        }
    }

    private static void Line(StringBuilder text, string key, string value) => text.Append(key).Append(' ').Append(Escape(value)).Append('\n');

    private static string Ticks(DateTimeOffset? time) => time is { } t ? t.UtcTicks.ToString(CultureInfo.InvariantCulture) : "-";

    private static DateTimeOffset? Time(string text) =>
        text == "-" ? null : new DateTimeOffset(long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);

    private static string Escape(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Unescape(string value) =>
        value.Replace("%0A", "\n", StringComparison.Ordinal).Replace("%0D", "\r", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
}
