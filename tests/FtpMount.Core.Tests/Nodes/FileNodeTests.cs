using FtpMount.Core.Entries;
using FtpMount.Core.Handles;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using FtpMount.Core.Tests.Spool;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>An open file's state moves only through its transitions; each says what happened and changes just that.</summary>
public sealed class FileNodeTests : IDisposable
{
    private static readonly DateTimeOffset Listed = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ScratchSpool _spool = new();

    private static RemotePath P(string path) => RemotePath.Parse(path);

    private static RemoteEntry OnServer(long? size = 10, int? mode = 0x1A4) => new("f", EntryKind.File, size, Listed, mode, null);

    private SpoolFile NewSpool() => _spool.NewSpool();

    [Fact]
    public void A_node_opened_on_a_server_file_shows_the_server_file_and_is_clean()
    {
        var node = new FileNode(P("/d/f"), OnServer());
        Assert.False(node.Dirty);
        Assert.False(node.Journaled);
        Assert.Null(node.Spool);
        Assert.Equal(10, node.Size);
        Assert.Equal(new RemoteEntry("f", EntryKind.File, 10, Listed, 0x1A4, null), node.ToEntry());
    }

    [Fact]
    public void A_change_makes_the_content_dirty_and_its_journal_entry_stale()
    {
        var node = new FileNode(P("/f"), OnServer());
        node.Copied(NewSpool(), Now);
        node.JournalWritten();

        node.Changed(Now.AddSeconds(5));

        Assert.True(node.Dirty);
        Assert.False(node.Journaled);
        Assert.Equal(Now.AddSeconds(5), node.LocalModified);
        Assert.Equal(Now.AddSeconds(5), node.ToEntry().Modified);
    }

    [Fact]
    public void A_copy_of_the_server_content_is_not_a_change_and_keeps_the_server_time()
    {
        var node = new FileNode(P("/f"), OnServer());
        node.Copied(NewSpool(), Now);
        Assert.False(node.Dirty);
        Assert.Equal(Listed, node.LocalModified);

        var created = new FileNode(P("/g"), null);
        created.Copied(NewSpool(), Now);
        Assert.Equal(Now, created.LocalModified);
    }

    [Fact]
    public void Emptying_makes_a_spool_once_and_truncates_it_after()
    {
        var node = new FileNode(P("/f"), OnServer());
        var made = 0;
        node.Emptied(() => { made++; return NewSpool(); }, Now);
        node.Spool!.Write("content"u8, 0);
        Assert.Equal(7, node.Size);

        node.Emptied(() => { made++; return NewSpool(); }, Now.AddSeconds(1));

        Assert.Equal(1, made);
        Assert.Equal(0, node.Size);
        Assert.True(node.Dirty);
        Assert.Equal(Now.AddSeconds(1), node.LocalModified);
    }

    [Fact]
    public void An_upload_makes_the_node_clean_and_its_server_entry_our_own()
    {
        var node = new FileNode(P("/f"), OnServer());
        node.Emptied(NewSpool, Now);
        var uploaded = new RemoteEntry("f", EntryKind.File, 0, Now, 0x1A4, null);

        node.Uploaded(uploaded);

        Assert.False(node.Dirty);
        Assert.True(node.ServerEntryIsOurs);
        Assert.Same(uploaded, node.ServerEntry);
    }

    [Fact]
    public void Metadata_set_before_the_upload_waits_in_the_node_and_makes_the_journal_stale_until_taken()
    {
        var node = new FileNode(P("/f"), OnServer());
        node.Emptied(NewSpool, Now);
        node.JournalWritten();

        node.ModeSetBeforeUpload(0x1ED);
        Assert.False(node.Journaled);
        node.JournalWritten();
        node.ModifiedSetBeforeUpload(Listed.AddDays(-1));
        Assert.False(node.Journaled);
        Assert.Equal(0x1ED, node.ToEntry().Mode);
        Assert.Equal(Listed.AddDays(-1), node.ToEntry().Modified);

        Assert.Equal(0x1ED, node.TakePendingMode());
        Assert.Null(node.TakePendingMode());
        node.PendingModifiedApplied();
        Assert.Null(node.PendingModified);
    }

    [Fact]
    public void Metadata_set_on_the_server_directly_shows_on_the_node()
    {
        var node = new FileNode(P("/f"), OnServer());
        node.ModifiedSetOnServer(Now);
        node.ModeSetOnServer(0x180);
        Assert.Equal(Now, node.ServerEntry!.Modified);
        Assert.Equal(Now, node.LocalModified);
        Assert.Equal(0x180, node.ToEntry().Mode);

        var local = new FileNode(P("/g"), null);
        local.ModeSetOnServer(0x180);
        Assert.Null(local.ServerEntry);
    }

    [Fact]
    public void A_size_is_learned_only_when_the_server_gave_none()
    {
        var unknown = new FileNode(P("/f"), OnServer(size: null));
        Assert.Null(unknown.Size);
        Assert.Equal(42, unknown.SizeLearned(42)?.Size);
        Assert.Equal(42, unknown.Size);
        Assert.Null(unknown.SizeLearned(43));
        Assert.Equal(42, unknown.Size);

        var known = new FileNode(P("/g"), OnServer(size: 10));
        Assert.Null(known.SizeLearned(99));
        Assert.Equal(10, known.Size);
    }

    [Fact]
    public void A_change_on_the_server_or_a_conflict_copy_forgets_that_the_entry_was_ours()
    {
        var node = new FileNode(P("/d/f"), OnServer());
        node.Uploaded(OnServer(size: 3));
        var theirs = OnServer(size: 99);

        node.ChangedOnServer(theirs);
        Assert.Same(theirs, node.ServerEntry);
        Assert.False(node.ServerEntryIsOurs);

        node.Uploaded(OnServer(size: 3));
        node.MovedAside(P("/d/f (conflict)"));
        Assert.Equal("/d/f (conflict)", node.Path.Value);
        Assert.Null(node.ServerEntry);
        Assert.False(node.ServerEntryIsOurs);
    }

    [Fact]
    public void A_detached_node_is_not_dirty_and_its_spool_is_removed_at_the_last_release()
    {
        var node = new FileNode(P("/f"), null);
        node.Emptied(NewSpool, Now);
        var spool = node.Spool!.FilePath;

        node.Detached();
        Assert.True(node.Deleted);
        Assert.False(node.Dirty);

        node.CloseSpool();
        Assert.Null(node.Spool);
        Assert.False(File.Exists(spool));
    }

    [Fact]
    public void A_dirty_spool_stays_on_disk_at_the_last_release_a_clean_one_goes()
    {
        var dirty = new FileNode(P("/f"), null);
        dirty.Emptied(NewSpool, Now);
        var kept = dirty.Spool!.FilePath;
        dirty.CloseSpool();
        Assert.True(File.Exists(kept));

        var clean = new FileNode(P("/g"), OnServer());
        clean.Copied(NewSpool(), Now);
        var dropped = clean.Spool!.FilePath;
        clean.CloseSpool();
        Assert.False(File.Exists(dropped));
    }

    [Fact]
    public void The_queue_takes_the_node_over_and_lets_it_go()
    {
        var node = new FileNode(P("/f"), null);
        node.WriteBackTookOver();
        Assert.True(node.WriteBackQueued);
        node.WriteBackLetGo();
        Assert.False(node.WriteBackQueued);
    }

    [Fact]
    public void A_node_replayed_from_the_journal_is_dirty_journaled_and_carries_its_pending_metadata()
    {
        var spool = NewSpool();
        spool.Write("saved"u8, 0);
        var pending = new JournalEntry(
            _spool.Folder.SourceIdentity, P("/d/f"), Path.GetFileName(spool.FilePath), 0x1A4, Listed, new ServerBase(false, 3, null), Now);

        var node = FileNode.Replayed(pending, spool, Now);

        Assert.True(node.Dirty);
        Assert.True(node.Journaled);
        Assert.True(node.ServerEntryIsOurs);
        Assert.Equal(3, node.ServerEntry?.Size);
        Assert.Equal(5, node.Size);
        Assert.Equal(0x1A4, node.PendingMode);
        Assert.Equal(Listed, node.PendingModified);
        Assert.Equal(Now, node.LocalModified);

        var fresh = FileNode.Replayed(pending with { Base = ServerBase.None }, NewSpool(), Now);
        Assert.Null(fresh.ServerEntry);
        Assert.False(fresh.ServerEntryIsOurs);
    }

    public void Dispose() => _spool.Dispose();
}
