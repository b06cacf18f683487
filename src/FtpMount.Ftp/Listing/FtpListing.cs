namespace FtpMount.Ftp.Listing;

/// <summary>The result of parsing one listing payload.</summary>
/// <param name="Entries">Accepted entries in server order, with unique names.</param>
/// <param name="Rejected">Lines that were refused, with the reason; header lines and <c>.</c>/<c>..</c> are not
/// listed here because they are skipped on purpose.</param>
public sealed record FtpListing(IReadOnlyList<FtpListEntry> Entries, IReadOnlyList<FtpRejectedLine> Rejected);
