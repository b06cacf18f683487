using FtpMount.Core.Entries;
using FtpMount.Core.Handles;
using FtpMount.Core.Paths;

namespace FtpMount.Core.Nodes;

/// <summary>
/// The shared state of one open file, whatever the number of handles on it: its local spool once content is
/// changed, whether that differs from the server (dirty), and metadata changes waiting for the upload.
/// All content changes and uploads run under <see cref="Gate"/>.
/// </summary>
internal sealed class FileNode(RemotePath path, RemoteEntry? serverEntry)
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public RemotePath Path { get; set; } = path;

    /// <summary>The file as the server has it; null while it exists only locally (created, not yet uploaded).</summary>
    public RemoteEntry? ServerEntry { get; set; } = serverEntry;

    /// <summary>
    /// <see cref="ServerEntry"/> was made up by us after our own upload (its time is our clock's, not the server's),
    /// so a journal entry can compare only its size with what the server lists later.
    /// </summary>
    public bool ServerEntryIsOurs { get; set; }

    public int OpenHandles { get; set; }

    /// <summary>Local copy of the whole content, present once the content was changed.</summary>
    public SpoolFile? Spool { get; set; }

    public bool Dirty { get; set; }

    /// <summary>The journal entry on disk matches the spool's content and pending metadata (saves a rewrite per close).</summary>
    public bool Journaled { get; set; }

    public bool Deleted { get; set; }

    public DateTimeOffset LocalModified { get; set; }

    public DateTimeOffset? PendingModified { get; set; }

    public int? PendingMode { get; set; }

    /// <summary>
    /// Closed with unsaved content and waiting in the write-back queue, which holds one handle count on the node
    /// so it stays in the table (listings and reopens see the local content) until the upload is done.
    /// </summary>
    public bool WriteBackQueued { get; set; }

    /// <summary>A STOR into a temporary name fed by sequential writes from offset 0, while they stay sequential.</summary>
    public StreamingUpload? Streaming { get; set; }

    /// <summary>The size as the filesystem shows it: the spool's when content is local; null when the server gave none.</summary>
    public long? Size => Spool is { } spool ? spool.Length : ServerEntry is { } entry ? entry.Size : 0;

    /// <summary>After the last handle: a spool still holding unsaved content stays on disk for the journal, any other is removed.</summary>
    public void CloseSpool()
    {
        if (Dirty && !Deleted)
        {
            Spool?.Keep();
        }
        else
        {
            Spool?.Dispose();
        }

        Spool = null;
    }

    public RemoteEntry ToEntry() => new(
        Path.Name,
        EntryKind.File,
        Size,
        PendingModified ?? (Spool is not null ? LocalModified : ServerEntry?.Modified ?? LocalModified),
        PendingMode ?? ServerEntry?.Mode,
        null);
}
