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
    public static FtpListEntry? ParseFactsLine(ReadOnlySpan<char> line)
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

        byte[] buffer = ArrayPool<byte>.Shared.Rent(line.Length * 3);
        try
        {
            // A lone surrogate cannot have come from a valid UTF-8 reply: refuse rather than substitute.
            if (Utf8.FromUtf16(line, buffer, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done
                || written > FtpListingParser.MaxLineBytes)
            {
                return null;
            }

            var result = MlsdParser.ParseLine(buffer.AsSpan(0, written), isMlstReply: true);
            return result.Outcome == ListingLineOutcome.Entry ? result.Entry : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
