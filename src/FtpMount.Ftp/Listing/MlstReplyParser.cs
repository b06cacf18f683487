using System.Buffers;
using System.Text.Unicode;

namespace FtpMount.Ftp.Listing;

/// <summary>Parses the fact line of an RFC 3659 MLST reply (<c>250-</c> … <c> type=file;size=5; /dir/name</c> … <c>250 End</c>).</summary>
public static class MlstReplyParser
{
    /// <summary>
    /// Parses one fact line as it appears inside the 250 reply: a leading space, the facts, <c>"; "</c>, then the
    /// path. Only the last path segment becomes <see cref="FtpListEntry.Name"/>; cdir/pdir become directories.
    /// </summary>
    /// <returns>The entry, or <see langword="null"/> when the line cannot be parsed or the name is refused by the
    /// same rules as for listings.</returns>
    /// <param name="names">How the server writes names (-o encoding); the reply was decoded with it. UTF-8 when null.</param>
    public static FtpListEntry? ParseFactsLine(ReadOnlySpan<char> line, FtpNameEncoding? names = null)
    {
        if (line.EndsWith("\n", StringComparison.Ordinal))
        {
            line = line[..^1];
        }

        if (line.EndsWith("\r", StringComparison.Ordinal))
        {
            line = line[..^1];
        }

        // RFC 3659 §7.2: the fact line of a multi-line reply starts with exactly one space.
        if (line.StartsWith(" ", StringComparison.Ordinal))
        {
            line = line[1..];
        }

        if (line.Length > FtpListingParser.MaxLineBytes)
        {
            return null;
        }

        names ??= FtpNameEncoding.Utf8;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(line.Length * 4);
        try
        {
            // A lone surrogate cannot have come from a valid UTF-8 reply, nor U+FFFD from a valid code-page one:
            // refuse rather than substitute.
            if (!TryEncode(line, names, buffer, out int written) || written > FtpListingParser.MaxLineBytes)
            {
                return null;
            }

            var result = MlsdParser.ParseLine(buffer.AsSpan(0, written), isMlstReply: true, names);
            return result.Outcome == ListingLineOutcome.Entry ? result.Entry : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryEncode(ReadOnlySpan<char> line, FtpNameEncoding names, byte[] buffer, out int written)
    {
        if (names.IsUtf8)
        {
            return Utf8.FromUtf16(line, buffer, out _, out written, replaceInvalidSequences: false) == OperationStatus.Done;
        }

        var text = line.ToString();
        written = 0;
        if (text.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            written = names.GetBytes(text, buffer);
            return true;
        }
        catch (Errors.FtpUnencodableNameException)
        {
            return false;
        }
    }
}
