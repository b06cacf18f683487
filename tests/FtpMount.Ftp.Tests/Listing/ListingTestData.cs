using System.Globalization;
using System.Text;
using FtpMount.Ftp.Listing;

namespace FtpMount.Ftp.Tests.Listing;

/// <summary>Shared clock and helpers for the listing tests.</summary>
internal static class ListingTestData
{
    /// <summary>"Now" for every LIST test unless a test says otherwise: 2025-03-10 12:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static FtpListing Parse(FtpListingFormat format, string payload, DateTimeOffset? now = null) =>
        Parse(format, Encoding.UTF8.GetBytes(payload), now);

    public static FtpListing Parse(FtpListingFormat format, byte[] payload, DateTimeOffset? now = null) =>
        new FtpListingParser(format, new FakeTimeProvider(now ?? Now)).Parse(payload);

    /// <summary>Builds the expected entry from test-table columns: an ISO time and an octal mode as text.</summary>
    public static FtpListEntry Expected(
        string name, FtpEntryType type, long? size, string? modified, string? octalMode, string? target) =>
        new(
            name,
            type,
            size,
            modified is null ? null : DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            octalMode is null ? null : Convert.ToInt32(octalMode, 8),
            target);

    public static FtpListEntry SingleEntry(FtpListing listing)
    {
        Assert.Empty(listing.Rejected);
        return Assert.Single(listing.Entries);
    }

    public static FtpRejectedLine SingleRejection(FtpListing listing)
    {
        Assert.Empty(listing.Entries);
        return Assert.Single(listing.Rejected);
    }

    /// <summary>Concatenates ASCII text and raw bytes, for lines that no C# string can express.</summary>
    public static byte[] Bytes(string before, byte[] raw, string after = "") =>
        [.. Encoding.ASCII.GetBytes(before), .. raw, .. Encoding.ASCII.GetBytes(after)];
}
