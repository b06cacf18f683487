using System.Buffers;
using System.Text.Unicode;

namespace FtpMount.Ftp.Listing;

/// <summary>
/// Month abbreviations as <c>ls</c> prints them: English, plus German and French because servers that run with a
/// localised <c>LC_TIME</c> send those (FileZilla maps the same set). Case-insensitive; a trailing dot
/// (<c>janv.</c>) is allowed.
/// </summary>
internal static class MonthNames
{
    private const int MaxTokenBytes = 12;

    private static readonly string[] Names =
    [
        // English.
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "sept", "june", "july",

        // German (those that differ from English).
        "mär", "mrz", "märz", "mai", "juni", "juli", "okt", "dez",

        // French (those that differ from the above), with and without accents.
        "janv", "févr", "fév", "fevr", "mars", "avr", "juin", "juil", "août", "aoû", "aout", "aou", "déc",
    ];

    private static readonly int[] Months =
    [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 9, 6, 7,
        3, 3, 3, 5, 6, 7, 10, 12,
        1, 2, 2, 2, 3, 4, 6, 7, 8, 8, 8, 8, 12,
    ];

    public static bool TryParse(ReadOnlySpan<byte> token, out int month)
    {
        month = 0;
        if (!token.IsEmpty && token[^1] == '.')
        {
            token = token[..^1];
        }

        // Every name starts with a letter; this also keeps day and size tokens off the slow path.
        if (token.Length is < 3 or > MaxTokenBytes || char.IsAsciiDigit((char)token[0]))
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxTokenBytes];
        if (Utf8.ToUtf16(token, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        ReadOnlySpan<char> text = chars[..written];
        for (int i = 0; i < Names.Length; i++)
        {
            if (text.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                month = Months[i];
                return true;
            }
        }

        return false;
    }
}
