using System.Collections.Frozen;
using FtpMount.Core.Entries;

namespace FtpMount.Core.Cache;

/// <summary>An immutable snapshot of one directory's entries, by name (ordinal, as servers are case-sensitive).</summary>
public sealed class DirectoryListing
{
    private readonly FrozenDictionary<string, RemoteEntry> _byName;

    public DirectoryListing(IEnumerable<RemoteEntry> entries, DateTimeOffset listedAt)
    {
        var byName = new Dictionary<string, RemoteEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            byName.TryAdd(entry.Name, entry);
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        ListedAt = listedAt;
    }

    public DateTimeOffset ListedAt { get; }

    public int Count => _byName.Count;

    public IEnumerable<RemoteEntry> Entries => _byName.Values;

    public RemoteEntry? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>A copy with one entry added, replaced (non-null) or removed (null): how our own writes update the cache.</summary>
    public DirectoryListing With(string name, RemoteEntry? entry)
    {
        var entries = new List<RemoteEntry>(_byName.Count + 1);
        foreach (var existing in _byName.Values)
        {
            if (existing.Name != name)
            {
                entries.Add(existing);
            }
        }

        if (entry is not null)
        {
            entries.Add(entry with { Name = name });
        }

        return new DirectoryListing(entries, ListedAt);
    }
}
