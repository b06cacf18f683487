namespace FtpMount.Testing.Hostile;

/// <summary>
/// One name as the server lists it in MLSD, MLST, LIST and NLST. Entries come from the served folder, or from a
/// test (<see cref="ListingScript"/>); a test rewrites them with <c>with</c> to make the listing lie: a null
/// <see cref="Size"/> leaves the <c>size</c> fact out, <see cref="Mode"/> 0o4755 sends <c>UNIX.mode=4755</c>.
/// </summary>
/// <param name="Name">Sent verbatim: a test may put <c>/</c>, <c>..</c> or CR in it on purpose.</param>
/// <param name="Size">Bytes; null leaves the fact out of MLSD/MLST (LIST has no way to say it and prints 0).</param>
/// <param name="Modified">Null leaves <c>modify</c> out of MLSD/MLST; LIST prints the Unix epoch.</param>
/// <param name="Mode">Permission bits (0..0o7777); null leaves <c>UNIX.mode</c> out, LIST prints 0644 or 0755.</param>
/// <param name="LinkTarget">A symlink's target text, sent as is (<c>type=OS.unix=slink:target</c>, LIST <c>name -> target</c>);
/// null for a symlink gives proftpd's <c>type=OS.unix=symlink</c> without a target.</param>
public sealed record ListedEntry(
    string Name,
    ListedEntryType Type,
    long? Size,
    DateTimeOffset? Modified,
    int? Mode,
    string? LinkTarget)
{
    /// <summary>MLSD/MLST only: sent verbatim instead of the facts made from the other properties (no trailing "; ").</summary>
    public string? RawFacts { get; init; }

    /// <summary>LIST only: the whole line sent verbatim instead of the one made from the other properties.</summary>
    public string? RawListLine { get; init; }

    public static ListedEntry File(string name, long? size, DateTimeOffset? modified = null, int? mode = null) =>
        new(name, ListedEntryType.File, size, modified ?? DefaultTime, mode, null);

    public static ListedEntry Directory(string name, DateTimeOffset? modified = null, int? mode = null) =>
        new(name, ListedEntryType.Directory, null, modified ?? DefaultTime, mode, null);

    public static ListedEntry Symlink(string name, string? target, DateTimeOffset? modified = null) =>
        new(name, ListedEntryType.Symlink, target?.Length, modified ?? DefaultTime, 0x1FF, target);

    /// <summary>A fixed time for made-up entries, so listings are the same on every run.</summary>
    public static DateTimeOffset DefaultTime { get; } = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
}
