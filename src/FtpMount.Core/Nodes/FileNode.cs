using FtpMount.Core.Entries;
using FtpMount.Core.Handles;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;

namespace FtpMount.Core.Nodes;

/// <summary>
/// The shared state of one open file, whatever the number of handles on it: its local spool once content is
/// changed, whether that differs from the server (dirty), and metadata changes waiting for the upload. Its state
/// changes only through the methods below, each named for what happened to the file.
/// </summary>
/// <remarks>
/// Which lock guards which field:
/// <list type="bullet">
/// <item><see cref="Gate"/> (the node's own): <see cref="Spool"/> and its content, <see cref="Dirty"/>,
/// <see cref="Journaled"/>, <see cref="Deleted"/>, <see cref="LocalModified"/>, <see cref="PendingModified"/>,
/// <see cref="PendingMode"/>, <see cref="Streaming"/>, <see cref="Kept"/>, <see cref="WriteBackQueued"/>, and <see cref="ServerEntry"/>
/// with <see cref="ServerEntryIsOurs"/> as saves, metadata changes and conflict checks change them.</item>
/// <item>The <see cref="FileNodeTable"/>'s lock: <see cref="OpenHandles"/> (<see cref="HolderAdded"/>,
/// <see cref="HolderRemoved"/>) and <see cref="Path"/> as the table's key (<see cref="Renamed"/>); a conflict copy
/// renames the node under its gate after the table moved it (<see cref="MovedAside"/>).</item>
/// </list>
/// Writers that go without the gate, as they did before these transitions existed: a remote read (which never takes
/// the gate) records a size it learned or a change it noticed (<see cref="SizeLearned"/>, <see cref="ChangedOnServer"/>);
/// create(2) empties the content and sets the mode asked for (<see cref="Emptied"/>, <see cref="ModeSetBeforeUpload"/>
/// from <c>RemoteFileSystem.CreateAsync</c>), on a node that is new unless the path was open already; the write-back
/// queue lets go of a node without waiting for the gate when the unmount stops it (<see cref="WriteBackLetGo"/>); and
/// the last holder closes the spool once the node has left the table (<see cref="CloseSpool"/>). Readers of
/// <see cref="Path"/>, <see cref="ServerEntry"/> and <see cref="Size"/> (getattr, listings, status) take no lock: each
/// is one reference or value written whole.
/// </remarks>
internal sealed class FileNode(RemotePath path, RemoteEntry? serverEntry)
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public RemotePath Path { get; private set; } = path;

    /// <summary>The file as the server has it; null while it exists only locally (created, not yet uploaded).</summary>
    public RemoteEntry? ServerEntry { get; private set; } = serverEntry;

    /// <summary>
    /// <see cref="ServerEntry"/> was made up by us after our own upload (its time is our clock's, not the server's),
    /// so a journal entry can compare only its size with what the server lists later.
    /// </summary>
    public bool ServerEntryIsOurs { get; private set; }

    /// <summary>Handles open on the node, plus one while the write-back queue holds it.</summary>
    public int OpenHandles { get; private set; }

    /// <summary>Local copy of the whole content, present once the content was changed.</summary>
    public SpoolFile? Spool { get; private set; }

    public bool Dirty { get; private set; }

    /// <summary>The journal entry on disk matches the spool's content and pending metadata (saves a rewrite per close).</summary>
    public bool Journaled { get; private set; }

    /// <summary>Unlinked or replaced while open: its handles keep working on the spool, nothing is uploaded.</summary>
    public bool Deleted { get; private set; }

    public DateTimeOffset LocalModified { get; private set; }

    public DateTimeOffset? PendingModified { get; private set; }

    public int? PendingMode { get; private set; }

    /// <summary>
    /// Closed with unsaved content and waiting in the write-back queue, which holds one handle count on the node
    /// so it stays in the table (listings and reopens see the local content) until the upload is done.
    /// </summary>
    public bool WriteBackQueued { get; private set; }

    /// <summary>A STOR into a temporary name fed by sequential writes from offset 0, while they stay sequential.</summary>
    public StreamingUpload? Streaming { get; private set; }

    /// <summary>What a cut streaming upload left on the server for the save to go on from; null when nothing.</summary>
    public KeptUpload? Kept { get; private set; }

    /// <summary>The size as the filesystem shows it: the spool's when content is local; null when the server gave none.</summary>
    public long? Size => Spool is { } spool ? spool.Length : ServerEntry is { } entry ? entry.Size : 0;

    /// <summary>A save an earlier run journaled but could not upload, opened again to send it: dirty, journaled, its metadata pending.</summary>
    public static FileNode Replayed(JournalEntry pending, SpoolFile spool, DateTimeOffset localModified) =>
        new(pending.Path, pending.Base.ToEntry(pending.Path.Name, null))
        {
            Spool = spool,
            Dirty = true,
            Journaled = true,
            ServerEntryIsOurs = !pending.Base.Absent && pending.Base.Modified is null,
            PendingMode = pending.Mode,
            PendingModified = pending.Modified,
            LocalModified = localModified,
        };

    /// <summary>One more holder: a handle opened, or the write-back queue took the node. Under the table's lock.</summary>
    public void HolderAdded() => OpenHandles++;

    /// <summary>One holder less; returns how many are left. Under the table's lock.</summary>
    public int HolderRemoved() => --OpenHandles;

    /// <summary>The node's path moved (a rename of the file or a folder above it). Under the table's lock.</summary>
    public void Renamed(RemotePath to) => Path = to;

    /// <summary>
    /// The server's file changed since the content was based on it: the content moves to a conflict name, where no
    /// server file exists yet.
    /// </summary>
    public void MovedAside(RemotePath conflict)
    {
        Path = conflict;
        GoneFromServer();
    }

    /// <summary>The content was emptied (a new file, O_TRUNC, truncate to 0): a spool is made if there was none.</summary>
    public void Emptied(Func<SpoolFile> createSpool, DateTimeOffset now)
    {
        Spool ??= createSpool();
        ContentChangedFrom(0);
        Spool.SetLength(0);
        Changed(now);
    }

    /// <summary>The server's content was copied into <paramref name="spool"/>, to be changed in place; nothing differs from the server yet.</summary>
    public void Copied(SpoolFile spool, DateTimeOffset now)
    {
        Spool = spool;
        LocalModified = ServerEntry?.Modified ?? now;
    }

    /// <summary>The content was written or resized: it differs from the server, and from its journal entry.</summary>
    public void Changed(DateTimeOffset now)
    {
        Dirty = true;
        Journaled = false;
        LocalModified = now;
    }

    /// <summary>A streaming upload started with the first in-order write.</summary>
    public void StreamingStarted(StreamingUpload streaming) => Streaming = streaming;

    /// <summary>The streaming upload ended (finished or abandoned); returns it, or null when none was running.</summary>
    public StreamingUpload? StreamingEnded()
    {
        var streaming = Streaming;
        Streaming = null;
        return streaming;
    }

    /// <summary>A streaming upload that broke left its temporary file on the server, for the save to go on from.</summary>
    public void PartKept(KeptUpload kept) => Kept = kept;

    /// <summary>
    /// The spool's bytes from <paramref name="offset"/> on are about to change (a write, a truncate): a kept upload
    /// that holds bytes there is no longer the spool's content.
    /// </summary>
    public void ContentChangedFrom(long offset)
    {
        if (Kept is { Changed: false } kept && offset < kept.Streamed)
        {
            Kept = kept with { Changed = true };
        }
    }

    /// <summary>The save took the kept upload over (to go on from it, or to remove it); returns it, or null when none.</summary>
    public KeptUpload? KeptTaken()
    {
        var kept = Kept;
        Kept = null;
        return kept;
    }

    /// <summary>
    /// A transfer ran to the server's end of a file it listed without a size; returns the entry with the size, or
    /// null when the size was known already.
    /// </summary>
    public RemoteEntry? SizeLearned(long length)
    {
        if (ServerEntry is not { Size: null } entry)
        {
            return null;
        }

        ServerEntry = entry with { Size = length };
        return ServerEntry;
    }

    /// <summary>Another client changed the file on the server; <paramref name="now"/> is what the server has.</summary>
    public void ChangedOnServer(RemoteEntry now)
    {
        ServerEntry = now;
        ServerEntryIsOurs = false;
    }

    /// <summary>The server's file is gone (removed by someone else): an upload creates it again.</summary>
    public void GoneFromServer()
    {
        ServerEntry = null;
        ServerEntryIsOurs = false;
    }

    /// <summary>The content is on the server as <paramref name="entry"/> (made up by us: its time is our clock's).</summary>
    public void Uploaded(RemoteEntry entry)
    {
        ServerEntry = entry;
        ServerEntryIsOurs = true;
        Dirty = false;
    }

    /// <summary>The pending mode was sent with the upload (or the server does not take modes); returns it.</summary>
    public int? TakePendingMode()
    {
        var mode = PendingMode;
        PendingMode = null;
        return mode;
    }

    /// <summary>The pending modification time was set on the server.</summary>
    public void PendingModifiedApplied() => PendingModified = null;

    /// <summary>touch/utimens on a file whose content is not on the server yet: applied right after its upload.</summary>
    public void ModifiedSetBeforeUpload(DateTimeOffset time)
    {
        PendingModified = time;
        Journaled = false;
    }

    /// <summary>chmod (or create with a mode) on a file whose content is not on the server yet: applied with its upload.</summary>
    public void ModeSetBeforeUpload(int? mode)
    {
        PendingMode = mode;
        Journaled = false;
    }

    /// <summary>The server's file got <paramref name="time"/> directly (nothing was pending): the node shows it too.</summary>
    public void ModifiedSetOnServer(DateTimeOffset time)
    {
        LocalModified = time;
        ServerEntry = ServerEntry is { } e ? e with { Modified = time } : null;
    }

    /// <summary>The server's file got <paramref name="mode"/> directly (nothing was pending): the node shows it too.</summary>
    public void ModeSetOnServer(int mode) => ServerEntry = ServerEntry is { } e ? e with { Mode = mode } : null;

    /// <summary>The journal entry on disk now matches the spool and pending metadata.</summary>
    public void JournalWritten() => Journaled = true;

    /// <summary>The journal entry was removed (the content reached the server, or the path was deleted).</summary>
    public void JournalCleared() => Journaled = false;

    /// <summary>Unlinked or replaced while open: nothing of it is to be uploaded any more.</summary>
    public void Detached()
    {
        Deleted = true;
        Dirty = false;
    }

    /// <summary>The write-back queue took the closed node over for its upload.</summary>
    public void WriteBackTookOver() => WriteBackQueued = true;

    /// <summary>The write-back queue is done with the node (uploaded, refused, reopened or stopping).</summary>
    public void WriteBackLetGo() => WriteBackQueued = false;

    /// <summary>After the last holder: a spool still holding unsaved content stays on disk for the journal, any other is removed.</summary>
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
