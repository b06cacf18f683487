namespace FtpMount.Core.Cache;

public sealed record DirectoryCacheOptions
{
    /// <summary>How long a directory listing is trusted; changes by other clients show up after this.</summary>
    public TimeSpan DirectoryTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long "this name does not exist" is trusted.</summary>
    public TimeSpan NegativeTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one caller waits for a listing, whether it started the fetch or joined one in flight: each leaves
    /// on its own deadline. Null: as long as the fetch takes (the FTP layer bounds it); a mount sets it from the
    /// FTP options.
    /// </summary>
    public TimeSpan? ListingWaitTimeout { get; init; }

    /// <summary>Bound on cached entries (a listing counts as its entry count plus one).</summary>
    public long MaxEntries { get; init; } = 500_000;
}
