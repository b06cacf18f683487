using System.Buffers;
using System.Globalization;
using System.Text;

namespace FtpMount.Ftp.Listing;

/// <summary>
/// Turns the start of a refused line into text that is safe to log (research §7: replies are untrusted text):
/// control characters, invalid bytes and invisible format characters such as bidi overrides are escaped.
/// </summary>
internal static class LineExcerpt
{
    public const int MaxChars = 80;
    private const string Ellipsis = "...";

    public static string Create(ReadOnlySpan<byte> line)
    {
        var builder = new StringBuilder(MaxChars + 16);
        Span<char> utf16 = stackalloc char[2];
        while (!line.IsEmpty && builder.Length < MaxChars)
        {
            byte b = line[0];
            if (b < 0x80)
            {
                AppendAscii(builder, b);
                line = line[1..];
                continue;
            }

            var status = Rune.DecodeFromUtf8(line, out var rune, out int consumed);
            if (status == OperationStatus.Done && IsVisible(rune))
            {
                builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            }
            else if (status == OperationStatus.Done)
            {
                builder.Append("\\u{");
                AppendHex(builder, rune.Value, 4);
                builder.Append('}');
            }
            else
            {
                for (int i = 0; i < consumed; i++)
                {
                    builder.Append("\\x");
                    AppendHex(builder, line[i], 2);
                }
            }

            line = line[Math.Max(consumed, 1)..];
        }

        if (!line.IsEmpty)
        {
            builder.Append(Ellipsis);
        }

        return builder.ToString();
    }

    private static void AppendAscii(StringBuilder builder, byte b)
    {
        switch (b)
        {
            case (byte)'\\':
                builder.Append("\\\\");
                break;
            case (byte)'\r':
                builder.Append("\\r");
                break;
            case (byte)'\n':
                builder.Append("\\n");
                break;
            case (byte)'\t':
                builder.Append("\\t");
                break;
            case 0:
                builder.Append("\\0");
                break;
            case < 0x20 or 0x7F:
                builder.Append("\\x");
                AppendHex(builder, b, 2);
                break;
            default:
                builder.Append((char)b);
                break;
        }
    }

    private static bool IsVisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate
            or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };

    private static void AppendHex(StringBuilder builder, int value, int minDigits)
    {
        Span<char> digits = stackalloc char[8];
        int length = 0;
        do
        {
            digits[length++] = "0123456789ABCDEF"[value & 0xF];
            value >>= 4;
        }
        while (value != 0 || length < minDigits);

        for (int i = length - 1; i >= 0; i--)
        {
            builder.Append(digits[i]);
        }
    }
}
