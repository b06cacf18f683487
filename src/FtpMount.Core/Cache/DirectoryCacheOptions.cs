namespace FtpMount.Core.Cache;

public sealed record DirectoryCacheOptions
{
    /// <summary>How long a directory listing is trusted; changes by other clients show up after this.</summary>
    public TimeSpan DirectoryTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long "this name does not exist" is trusted.</summary>
    public TimeSpan NegativeTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound on cached entries (a listing counts as its entry count plus one).</summary>
    public long MaxEntries { get; init; } = 500_000;
}
