namespace FtpMount.Ftp.Listing;

/// <summary>
/// Parses a whole listing (the payload of one MLSD or LIST data connection) into entries and refused lines.
/// Never throws for any payload: malformed or hostile lines end up in <see cref="FtpListing.Rejected"/>.
/// </summary>
public sealed class FtpListingParser
{
    /// <summary>Lines longer than this are refused unread, which bounds the work per line (research §7).</summary>
    internal const int MaxLineBytes = 8 * 1024;

    private readonly FtpListingFormat _format;
    private readonly TimeProvider _clock;
    private readonly FtpNameEncoding _names;

    /// <param name="format">The listing style, or <see cref="FtpListingFormat.Auto"/> to choose per LIST line.</param>
    /// <param name="clock">Supplies "now" for the year of recent <c>ls -l</c> dates; the system clock by default.</param>
    /// <param name="names">How the server writes names (-o encoding); UTF-8 by default.</param>
    public FtpListingParser(FtpListingFormat format, TimeProvider? clock = null, FtpNameEncoding? names = null)
    {
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown listing format.");
        }

        _format = format;
        _clock = clock ?? TimeProvider.System;
        _names = names ?? FtpNameEncoding.Utf8;
    }

    /// <summary>Splits <paramref name="payload"/> on LF (a preceding CR is dropped) and parses each line.</summary>
    public FtpListing Parse(ReadOnlySpan<byte> payload)
    {
        var now = _clock.GetUtcNow();
        var entries = new List<FtpListEntry>();
        var rejected = new List<FtpRejectedLine>();
        var names = new HashSet<string>(StringComparer.Ordinal);

        while (!payload.IsEmpty)
        {
            int newline = payload.IndexOf((byte)'\n');
            var line = newline < 0 ? payload : payload[..newline];
            payload = newline < 0 ? [] : payload[(newline + 1)..];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            var result = line.Length > MaxLineBytes
                ? ListingLineResult.Reject(RejectReasons.LineTooLong)
                : ParseLine(line, now);

            switch (result.Outcome)
            {
                case ListingLineOutcome.Entry when names.Add(result.Entry!.Name):
                    entries.Add(result.Entry);
                    break;
                case ListingLineOutcome.Entry:
                    // A second entry with the same name would shadow or alias the first; keep what came first.
                    rejected.Add(new FtpRejectedLine(RejectReasons.DuplicateName, LineExcerpt.Create(line)));
                    break;
                case ListingLineOutcome.Rejected:
                    rejected.Add(new FtpRejectedLine(result.Reason ?? RejectReasons.UnrecognisedLine, LineExcerpt.Create(line)));
                    break;
            }
        }

        return new FtpListing(entries.AsReadOnly(), rejected.AsReadOnly());
    }

    private ListingLineResult ParseLine(ReadOnlySpan<byte> line, DateTimeOffset now) => _format switch
    {
        FtpListingFormat.Mlsd => MlsdParser.ParseLine(line, _names),
        FtpListingFormat.Dos => DosListParser.ParseLine(line, _names),
        FtpListingFormat.Auto when char.IsAsciiDigit((char)line[0]) && DosListParser.LooksLikeDos(line)
            => DosListParser.ParseLine(line, _names),
        _ => UnixListParser.ParseLine(line, now, _names),
    };
}
