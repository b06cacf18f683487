namespace FtpMount.Core.ReadCache;

/// <summary>
/// The persistent read cache (<c>-o cache=full</c>): off by default. When on, bytes read from the server are kept in
/// <see cref="Directory"/> (one private, locked subfolder per source) and served from there while the server's
/// listing still gives the size and time they were read at, across opens and mounts.
/// </summary>
public sealed record ReadCacheOptions
{
    public bool Enabled { get; init; }

    /// <summary>Where the cache lives; the host fills in its default when the user names none.</summary>
    public string? Directory { get; init; }

    /// <summary>Valid bytes kept at most; least recently used files go first beyond it.</summary>
    public long MaxBytes { get; init; } = 10L << 30;

    /// <summary>A file not opened for this long is removed.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>New valid bytes after which a file's range record is rewritten while it is being read.</summary>
    public long PersistEveryBytes { get; init; } = 64L << 20;
}
