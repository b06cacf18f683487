namespace FtpMount.Ftp.Listing;

/// <summary>Finds space-separated tokens in a raw line without copying; callers keep offsets to cut names verbatim.</summary>
internal static class LineTokenizer
{
    /// <summary>Fills <paramref name="tokens"/> with the first tokens of the line and returns how many were found.</summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> tokens)
    {
        int count = 0;
        int i = 0;
        while (count < tokens.Length)
        {
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            int start = i;
            while (i < line.Length && line[i] != ' ')
            {
                i++;
            }

            tokens[count++] = new Range(start, i);
        }

        return count;
    }
}
