using FtpMount.Core.Entries;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Core.Tests.Spool;

/// <summary>
/// A save goes through steps on local disk and on the server; the mount may die after any of them. Each case runs a
/// save of a second version of a file (an earlier version is journaled already, its upload failed) up to one step,
/// leaves the spool folder as the dead process would (files written so far stay, open handles close), then mounts
/// again: the next mount must replay exactly the newest version a close() promised, once, with its bytes, and a mount
/// after that the same (a crash during the replay loses nothing either).
/// </summary>
public sealed class SpoolJournalCrashTests : IDisposable
{
    private const string Source = "u@h:21/";

    private readonly string _root = Directory.CreateTempSubdirectory("ftpmount-journal-crash-unit-").FullName;

    public enum SaveStep
    {
        /// <summary>The new content is in its spool file; close() has not returned: nothing is promised yet.</summary>
        SpoolWritten,

        /// <summary>The entry's temporary file is written, not yet renamed into place.</summary>
        EntryBeingWritten,

        /// <summary>The entry is renamed into place; the superseded entry is not yet removed.</summary>
        EntryInPlace,

        /// <summary>The entry is written and the older one removed: close() returned.</summary>
        EntryWritten,

        /// <summary>The upload to a temporary name on the server started (recorded in the ledger).</summary>
        UploadStarted,

        /// <summary>The temporary was renamed over the file on the server; the entry is not yet removed.</summary>
        RenamedOnServer,

        /// <summary>The entry is removed; the spool is still open.</summary>
        EntryRemoved,

        /// <summary>The last handle went: the spool is removed too.</summary>
        Released,
    }

    [Theory]
    [InlineData(SaveStep.SpoolWritten, "v1")]
    [InlineData(SaveStep.EntryBeingWritten, "v1")]
    [InlineData(SaveStep.EntryInPlace, "v2, the newest")]
    [InlineData(SaveStep.EntryWritten, "v2, the newest")]
    [InlineData(SaveStep.UploadStarted, "v2, the newest")]
    [InlineData(SaveStep.RenamedOnServer, "v2, the newest")]
    [InlineData(SaveStep.EntryRemoved, null)]
    [InlineData(SaveStep.Released, null)]
    public void A_crash_after_any_step_of_a_save_replays_the_newest_promised_version_once(SaveStep crashAfter, string? replayed)
    {
        var path = RemotePath.Parse("/dir/doc.txt");
        var temporary = "/home/u/dir/" + TemporaryNames.Upload();
        using (var folder = SpoolFolder.Open(_root, Source))
        {
            var journal = new SpoolJournal(folder, NullLogger.Instance);
            var ledger = new TemporaryLedger(folder);
            var older = Node(journal, path, "v1");
            journal.Record(older);
            older.CloseSpool();

            var newer = Node(journal, path, "v2, the newest");
            var spoolName = Path.GetFileName(newer.Spool!.FilePath);
            var entryTemporary = folder.PathOf($"{spoolName}.pending.{Guid.NewGuid():N}.tmp");
            (SaveStep Step, Action Run)[] save =
            [
                (SaveStep.SpoolWritten, () => { }),
                (SaveStep.EntryBeingWritten, () => File.WriteAllText(entryTemporary, EntryOf(folder, newer).Format())),
                (SaveStep.EntryInPlace, () => File.Move(entryTemporary, folder.PathOf(spoolName + ".pending"))),
                (SaveStep.EntryWritten, () => journal.Record(newer)),
                (SaveStep.UploadStarted, () => ledger.Add(temporary)),
                (SaveStep.RenamedOnServer, () => ledger.Remove(temporary)),
                (SaveStep.EntryRemoved, () =>
                {
                    newer.Uploaded(new RemoteEntry(path.Name, EntryKind.File, newer.Size, DateTimeOffset.UtcNow, null, null));
                    journal.Clear(newer);
                }),
                (SaveStep.Released, newer.CloseSpool),
            ];
            foreach (var (step, run) in save)
            {
                run();
                if (step == crashAfter)
                {
                    break;
                }
            }

            // The process dies: what is on disk stays, its handles close.
            newer.Spool?.Keep();
        }

        for (var mount = 1; mount <= 2; mount++)
        {
            using var folder = SpoolFolder.Open(_root, Source);
            var pending = new SpoolJournal(folder, NullLogger.Instance).Load();
            if (replayed is null)
            {
                Assert.Empty(pending);
            }
            else
            {
                var entry = Assert.Single(pending);
                Assert.Equal(path, entry.Path);
                Assert.Equal(replayed, File.ReadAllText(folder.PathOf(entry.SpoolName)));
            }

            // Nothing half-written and no content nobody will send stays behind; the server's temporary is named
            // for removal exactly while it may exist.
            Assert.Empty(Directory.GetFiles(folder.FullPath, "*.tmp"));
            Assert.Equal(
                pending.Select(e => e.SpoolName).Order(StringComparer.Ordinal),
                Directory.GetFiles(folder.FullPath, "*.spool").Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(crashAfter == SaveStep.UploadStarted ? [temporary] : [], new TemporaryLedger(folder).Leftovers());
        }
    }

    [Fact]
    public void An_entry_that_names_a_spool_the_crash_took_is_skipped_and_the_others_still_replay()
    {
        using (var folder = SpoolFolder.Open(_root, Source))
        {
            var journal = new SpoolJournal(folder, NullLogger.Instance);
            var lost = Node(journal, RemotePath.Parse("/lost.txt"), "gone");
            journal.Record(lost);
            File.Delete(lost.Spool!.FilePath);
            lost.Spool.Keep();
            var kept = Node(journal, RemotePath.Parse("/kept.txt"), "kept");
            journal.Record(kept);
            kept.CloseSpool();
        }

        using var again = SpoolFolder.Open(_root, Source);
        var entry = Assert.Single(new SpoolJournal(again, NullLogger.Instance).Load());
        Assert.Equal("/kept.txt", entry.Path.Value);
        Assert.Equal("kept", File.ReadAllText(again.PathOf(entry.SpoolName)));
    }

    private static FileNode Node(SpoolJournal journal, RemotePath path, string content)
    {
        var node = new FileNode(path, null);
        node.Emptied(journal.CreateSpool, DateTimeOffset.UtcNow);
        node.Spool!.Write(System.Text.Encoding.UTF8.GetBytes(content), 0);
        return node;
    }

    /// <summary>The entry a record of <paramref name="node"/> writes; later than any written before it.</summary>
    private static JournalEntry EntryOf(SpoolFolder folder, FileNode node) => new(
        folder.SourceIdentity,
        node.Path,
        Path.GetFileName(node.Spool!.FilePath),
        node.PendingMode,
        node.PendingModified,
        ServerBase.Of(node.ServerEntry, node.ServerEntryIsOurs),
        DateTimeOffset.UtcNow.AddMinutes(1));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
