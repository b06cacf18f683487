using System.Text;

namespace FtpMount.Cli.Options;

/// <summary>
/// The <c>-o</c> entries of the man page (installer/linux/ftpmount.1), generated from
/// <see cref="MountOptionDescriptors"/> between two roff comment lines, so the page and --help cannot drift apart.
/// </summary>
internal static class ManPageOptionList
{
    public const string BeginMarker =
        ".\\\" BEGIN -o OPTIONS: generated from src/FtpMount.Cli/Options/MountOptionDescriptors.cs; edit the table, not this list.";

    public const string EndMarker = ".\\\" END -o OPTIONS";

    /// <summary>One <c>.TP</c> paragraph per table entry, in table order.</summary>
    public static string Render()
    {
        var roff = new StringBuilder();
        foreach (var option in MountOptionDescriptors.All)
        {
            roff.Append(".TP\n").Append(option.ManTerm).Append('\n').Append(option.Man).Append('\n');
        }

        return roff.ToString();
    }

    /// <summary><paramref name="manPage"/> with the text between the markers replaced by <see cref="Render"/>.</summary>
    public static string ReplaceIn(string manPage)
    {
        ArgumentNullException.ThrowIfNull(manPage);
        var begin = manPage.IndexOf(BeginMarker + "\n", StringComparison.Ordinal);
        var end = manPage.IndexOf(EndMarker + "\n", StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"The man page lacks the lines \"{BeginMarker}\" and \"{EndMarker}\" in that order.");
        }

        var start = begin + BeginMarker.Length + 1;
        return string.Concat(manPage.AsSpan(0, start), Render(), manPage.AsSpan(end));
    }
}
