namespace FtpMount.Ftp.Listing;

/// <summary>One entry of a directory listing, already checked by the entry-name rules.</summary>
/// <param name="Name">The entry name exactly as the server sent it: never empty, <c>.</c> or <c>..</c>,
/// never containing <c>/</c>, <c>\</c>, NUL, CR or LF.</param>
/// <param name="Type">File, directory, symlink or other.</param>
/// <param name="Size">Size in bytes when the listing shows one (devices and some MLSD lines do not).</param>
/// <param name="Modified">Modification time in UTC when known. LIST times have minute (or day) precision:
/// see <see cref="ModifiedPrecision"/>.</param>
/// <param name="UnixMode">Permission bits including setuid, setgid and sticky (0..4095, e.g. 0o644), when known.</param>
/// <param name="SymlinkTarget">The link target as the server shows it. Untrusted: it may point anywhere,
/// and must never be resolved against the local filesystem.</param>
public sealed record FtpListEntry(
    string Name,
    FtpEntryType Type,
    long? Size,
    DateTimeOffset? Modified,
    int? UnixMode,
    string? SymlinkTarget)
{
    /// <summary>
    /// How coarse <see cref="Modified"/> is: zero when the server gave seconds (MLSD <c>modify</c>), one minute for a
    /// LIST time of day, one day for LIST's "Jan 02  2020" (files older than six months). The true time lies in
    /// [<see cref="Modified"/>, <see cref="Modified"/> + precision).
    /// </summary>
    public TimeSpan ModifiedPrecision { get; init; }

    /// <summary>True when a listed time is coarser than a second, so MDTM can tell more.</summary>
    public bool HasCoarseTime => Modified is not null && ModifiedPrecision > TimeSpan.Zero;
}
