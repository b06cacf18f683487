using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace FtpMount.Ftp.Listing;

/// <summary>
/// Decodes entry names and link targets. Invalid UTF-8 is refused rather than replaced with U+FFFD: two different
/// byte names would otherwise map to the same string and the mount could not address either file on the server.
/// </summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? text)
    {
        // Validating first keeps the throwing decoder off the rejection path; it stays as a second line of defence.
        if (!Utf8.IsValid(bytes))
        {
            text = null;
            return false;
        }

        text = Encoding.GetString(bytes);
        return true;
    }
}
