namespace FtpMount.Ftp.Listing;

/// <summary>The result of one line parser: an entry, a silent skip, or a rejection with its reason.</summary>
internal readonly record struct ListingLineResult(ListingLineOutcome Outcome, FtpListEntry? Entry, string? Reason)
{
    public static ListingLineResult Skipped => new(ListingLineOutcome.Skipped, null, null);

    public static ListingLineResult Accept(FtpListEntry entry) => new(ListingLineOutcome.Entry, entry, null);

    public static ListingLineResult Reject(string reason) => new(ListingLineOutcome.Rejected, null, reason);
}
