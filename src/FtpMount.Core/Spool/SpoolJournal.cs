using FtpMount.Core.Handles;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Spool;

/// <summary>
/// Remembers, on disk, the saves that are not on the server yet: one "&lt;spool&gt;.pending" entry beside each kept
/// spool in this source's spool folder. A crash, kill or power loss of the mount then loses nothing that an
/// application wrote and closed: the next mount of the same source and folder uploads it.
/// </summary>
/// <remarks>
/// At most one entry per path: an entry is superseded (removed with its spool) by every later successful save,
/// delete or newer failed save of its path through the mount, and moves with its path on a rename. Entries are
/// written durably: the spool is fsynced before an entry points at it, the entry goes to a temporary file that is
/// fsynced, renamed over the old one, and the folder is fsynced.
/// </remarks>
internal sealed class SpoolJournal(SpoolFolder folder, ILogger logger)
{
    private const string Suffix = ".pending";
    private const string TemporarySuffix = ".tmp";

    private readonly Lock _lock = new();

    // The spool name of the newest entry of each path.
    private readonly Dictionary<RemotePath, string> _byPath = [];

    public SpoolFolder Folder => folder;

    public SpoolFile CreateSpool() => SpoolFile.Create(folder);

    /// <summary>
    /// Writes (or rewrites) the node's entry; an older entry of the same path is superseded. <paramref name="refused"/>
    /// (the server's answer) marks content the server refused for good: later mounts keep it but do not send it.
    /// </summary>
    public void Record(FileNode node, string? refused = null)
    {
        if (node.Spool is not { } spool)
        {
            return;
        }

        spool.FlushToDisk();
        var spoolName = Path.GetFileName(spool.FilePath);
        var entry = new JournalEntry(
            folder.SourceIdentity,
            node.Path,
            spoolName,
            node.PendingMode,
            node.PendingModified,
            ServerBase.Of(node.ServerEntry, node.ServerEntryIsOurs),
            DateTimeOffset.UtcNow,
            refused);
        WriteDurably(spoolName + Suffix, entry.Format());
        lock (_lock)
        {
            ForgetSpool(spoolName);
            if (_byPath.TryGetValue(node.Path, out var older) && older != spoolName)
            {
                Delete(older);
            }

            _byPath[node.Path] = spoolName;
        }

        node.JournalWritten();
    }

    /// <summary>
    /// The node's content reached the server, or its path was deleted through the mount: its entry and every older
    /// entry of the same path are removed (the node's own spool stays; it is still open).
    /// </summary>
    public void Clear(FileNode node)
    {
        lock (_lock)
        {
            if (node.Spool is { } spool)
            {
                var own = Path.GetFileName(spool.FilePath);
                ForgetSpool(own);
                DeleteEntry(own);
            }

            if (_byPath.Remove(node.Path, out var other))
            {
                Delete(other);
            }
        }

        node.JournalCleared();
    }

    /// <summary>The path was deleted through the mount: whatever was pending for it is superseded.</summary>
    public void Supersede(RemotePath path)
    {
        lock (_lock)
        {
            if (_byPath.Remove(path, out var spoolName))
            {
                Delete(spoolName);
            }
        }
    }

    /// <summary>A rename through the mount: entries at <paramref name="to"/> are superseded, those at or below <paramref name="from"/> move.</summary>
    public void Moved(RemotePath from, RemotePath to)
    {
        lock (_lock)
        {
            foreach (var path in _byPath.Keys.Where(p => p.IsWithin(to)).ToList())
            {
                Delete(_byPath[path]);
                _byPath.Remove(path);
            }

            foreach (var path in _byPath.Keys.Where(p => p.IsWithin(from)).ToList())
            {
                var spoolName = _byPath[path];
                _byPath.Remove(path);
                var moved = path.Rebase(from, to);
                if (Read(spoolName + Suffix) is { } entry)
                {
                    WriteDurably(spoolName + Suffix, (entry with { Path = moved }).Format());
                }

                _byPath[moved] = spoolName;
            }
        }
    }

    /// <summary>
    /// The entries of this source, newest per path (older ones are superseded and removed). Spools without an entry
    /// were never promised to anyone and are removed; entries of another source are left alone and reported.
    /// </summary>
    public List<JournalEntry> Load()
    {
        WarnAboutLegacyEntries();
        var newest = new Dictionary<RemotePath, JournalEntry>();
        foreach (var file in Directory.EnumerateFiles(folder.FullPath))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(TemporarySuffix, StringComparison.Ordinal) && name.Contains(Suffix + ".", StringComparison.Ordinal))
            {
                // A rewrite that a crash interrupted; the entry it was replacing is still in place.
                File.Delete(file);
                continue;
            }

            if (!name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var entry = JournalEntry.TryParse(File.ReadAllText(file), out var problem);
            if (entry is null || entry.Source != folder.SourceIdentity || entry.SpoolName + Suffix != name)
            {
                FsLog.JournalEntryUnreadable(logger, file, entry is null ? problem : "it belongs to another source");
                continue;
            }

            if (!File.Exists(folder.PathOf(entry.SpoolName)))
            {
                FsLog.JournalEntryUnreadable(logger, file, "its spool file is gone");
                continue;
            }

            if (newest.TryGetValue(entry.Path, out var other))
            {
                var (keep, drop) = other.Written >= entry.Written ? (other, entry) : (entry, other);
                Delete(drop.SpoolName);
                newest[entry.Path] = keep;
                continue;
            }

            newest[entry.Path] = entry;
        }

        var promised = newest.Values.Select(e => e.SpoolName).ToHashSet(StringComparer.Ordinal);
        foreach (var spool in Directory.EnumerateFiles(folder.FullPath, "*.spool"))
        {
            var name = Path.GetFileName(spool);
            if (!promised.Contains(name) && !File.Exists(spool + Suffix))
            {
                File.Delete(spool);
            }
        }

        lock (_lock)
        {
            foreach (var entry in newest.Values)
            {
                _byPath[entry.Path] = entry.SpoolName;
            }
        }

        return [.. newest.Values];
    }

    /// <summary>Whether a journal entry for <paramref name="path"/> exists (a pending upload or one the server refused).</summary>
    public bool HasEntry(RemotePath path)
    {
        lock (_lock)
        {
            return _byPath.ContainsKey(path);
        }
    }

    private JournalEntry? Read(string entryName)
    {
        try
        {
            return JournalEntry.TryParse(File.ReadAllText(folder.PathOf(entryName)), out _);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private void WriteDurably(string name, string text)
    {
        // A name of its own per write: a rename's rewrite and a save's record of the same entry may overlap.
        var temporary = $"{name}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            using (var file = folder.CreateNew(temporary))
            {
                file.Write(System.Text.Encoding.UTF8.GetBytes(text));
                file.Flush(flushToDisk: true);
            }

            File.Move(folder.PathOf(temporary), folder.PathOf(name), overwrite: true);
        }
        catch
        {
            // A full disk: the old entry (if any) stays as it was, and no half-written one is left.
            File.Delete(folder.PathOf(temporary));
            throw;
        }

        folder.Sync();
    }

    private void ForgetSpool(string spoolName)
    {
        foreach (var (path, name) in _byPath)
        {
            if (name == spoolName)
            {
                _byPath.Remove(path);
                return;
            }
        }
    }

    private void DeleteEntry(string spoolName) => File.Delete(folder.PathOf(spoolName + Suffix));

    /// <summary>An entry and its spool; the entry goes first, so a crash in between leaves an orphan spool, never a dangling entry.</summary>
    private void Delete(string spoolName)
    {
        DeleteEntry(spoolName);
        try
        {
            File.Delete(folder.PathOf(spoolName));
        }
        catch (IOException)
        {
            // Still open (Windows); without its entry it is removed by the next mount's load.
        }
    }

    private void WarnAboutLegacyEntries()
    {
        var parent = Path.GetDirectoryName(folder.FullPath);
        if (parent is null || !Directory.Exists(parent))
        {
            return;
        }

        foreach (var legacy in Directory.EnumerateFiles(parent, "*" + Suffix))
        {
            FsLog.JournalEntryUnreadable(logger, legacy, "written by an older ftpmount without the server it belongs to; left in place");
        }
    }
}
