namespace FtpMount.Testing.Hostile;

/// <summary>
/// What one MLSD, MLST, LIST or NLST lists. Normally the served folder's entries; a hook can replace them with
/// a lazily enumerated <see cref="Source"/> (millions of lines are never held in memory), add entries, and rewrite
/// or drop each entry with <see cref="Map"/>.
/// </summary>
public sealed class ListingScript
{
    private readonly List<Func<ListedEntry, ListedEntry?>> _maps = [];
    private readonly List<ListedEntry> _extra = [];

    /// <summary>Replaces the folder's entries; enumerated once per listing while it is sent. The folder must still exist.</summary>
    public Func<IEnumerable<ListedEntry>>? Source { get; set; }

    /// <summary>Entries listed after the folder's own (or <see cref="Source"/>'s).</summary>
    public IReadOnlyList<ListedEntry> Extra => _extra;

    /// <summary>Adds a rewrite applied to every entry in turn, after the earlier ones; returning null leaves the entry out.</summary>
    public ListingScript Map(Func<ListedEntry, ListedEntry?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _maps.Add(map);
        return this;
    }

    public ListingScript Add(params IEnumerable<ListedEntry> entries)
    {
        _extra.AddRange(entries);
        return this;
    }

    internal ListedEntry? Apply(ListedEntry entry)
    {
        ListedEntry? current = entry;
        foreach (var map in _maps)
        {
            if (current is null)
            {
                return null;
            }

            current = map(current);
        }

        return current;
    }
}
