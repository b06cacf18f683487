using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Core.Tests.Spool;

public sealed class SpoolFolderTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _root = Directory.CreateTempSubdirectory("ftpmount-spool-unit-").FullName;

    [Fact]
    public void Each_source_gets_its_own_private_subfolder_and_a_second_user_of_one_is_refused()
    {
        using var a = SpoolFolder.Open(_root, "u@h:21/a");
        using var b = SpoolFolder.Open(_root, "u@h:21/b");
        Assert.NotEqual(a.FullPath, b.FullPath);
        Assert.Equal(Private, File.GetUnixFileMode(a.FullPath));
        var refused = Assert.Throws<SpoolFolderException>(() => SpoolFolder.Open(_root, "u@h:21/a"));
        Assert.Contains("in use", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lock_goes_with_the_mount_and_an_empty_subfolder_is_removed()
    {
        var first = SpoolFolder.Open(_root, "u@h:21/");
        var path = first.FullPath;
        first.Dispose();
        Assert.False(Directory.Exists(path));
        using var second = SpoolFolder.Open(_root, "u@h:21/");
    }

    [Fact]
    public void A_missing_spool_folder_is_created_0700_and_a_file_or_a_shared_folder_is_refused()
    {
        var missing = Path.Combine(_root, "x", "y");
        SpoolFolder.CheckUsable(missing);
        Assert.Equal(Private, File.GetUnixFileMode(missing));

        var file = Path.Combine(_root, "file");
        File.WriteAllText(file, "x");
        Assert.Throws<SpoolFolderException>(() => SpoolFolder.CheckUsable(file));
        Assert.Throws<SpoolFolderException>(() => SpoolFolder.CheckUsable(Path.Combine(file, "below")));

        var shared = Directory.CreateDirectory(Path.Combine(_root, "shared")).FullName;
        File.SetUnixFileMode(shared, Private | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        Assert.Throws<SpoolFolderException>(() => SpoolFolder.CheckUsable(shared));
        File.SetUnixFileMode(shared, File.GetUnixFileMode(shared) | UnixFileMode.StickyBit);
        SpoolFolder.CheckUsable(shared);
    }

    [Fact]
    public void A_planted_symbolic_link_is_never_followed()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(_root, SpoolFolder.SubfolderName("u@h:21/")), elsewhere);
        Assert.Throws<SpoolFolderException>(() => SpoolFolder.Open(_root, "u@h:21/"));

        using var folder = SpoolFolder.Open(_root, "u@h:21/other");
        var target = Path.Combine(_root, "target");
        File.CreateSymbolicLink(folder.PathOf("planted.pending.tmp"), target);
        Assert.Throws<IOException>(() => folder.CreateNew("planted.pending.tmp"));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_later_record_of_a_path_supersedes_the_older_one_and_a_clear_removes_both()
    {
        using var folder = SpoolFolder.Open(_root, "u@h:21/");
        var journal = new SpoolJournal(folder, NullLogger.Instance);
        var path = RemotePath.Parse("/doc.txt");
        var older = Node(journal, path, "v1");
        journal.Record(older);
        older.CloseSpool();
        var newer = Node(journal, path, "v2, newer");
        journal.Record(newer);
        Assert.Single(Directory.GetFiles(folder.FullPath, "*.pending"));
        Assert.Equal(2, Directory.GetFiles(folder.FullPath).Length - 1); // the newer entry, its spool, and the lock

        journal.Clear(newer);
        Assert.Empty(Directory.GetFiles(folder.FullPath, "*.pending"));
        newer.Spool!.Dispose();
    }

    [Fact]
    public void An_entry_moves_with_a_rename_and_is_superseded_at_the_target_then_loads_once()
    {
        var source = "u@h:21/";
        using (var folder = SpoolFolder.Open(_root, source))
        {
            var journal = new SpoolJournal(folder, NullLogger.Instance);
            var moving = Node(journal, RemotePath.Parse("/dir/a.txt"), "moving");
            journal.Record(moving);
            moving.CloseSpool();
            var replaced = Node(journal, RemotePath.Parse("/new/a.txt"), "replaced by the rename");
            journal.Record(replaced);
            replaced.CloseSpool();
            journal.Moved(RemotePath.Parse("/dir"), RemotePath.Parse("/new"));
        }

        using var again = SpoolFolder.Open(_root, source);
        var loaded = new SpoolJournal(again, NullLogger.Instance).Load();
        var entry = Assert.Single(loaded);
        Assert.Equal("/new/a.txt", entry.Path.Value);
        Assert.Equal("moving", File.ReadAllText(again.PathOf(entry.SpoolName)));
    }

    [Fact]
    public void Entries_of_another_source_are_left_alone_and_orphan_spools_are_removed()
    {
        using var folder = SpoolFolder.Open(_root, "u@h:21/");
        var foreign = new JournalEntry("someone@else:21/", RemotePath.Parse("/x"), "f.spool", null, null, ServerBase.None, DateTimeOffset.UtcNow);
        File.WriteAllText(folder.PathOf("f.spool"), "theirs");
        File.WriteAllText(folder.PathOf("f.spool.pending"), foreign.Format());
        File.WriteAllText(folder.PathOf("orphan.spool"), "nobody promised this");

        Assert.Empty(new SpoolJournal(folder, NullLogger.Instance).Load());
        Assert.True(File.Exists(folder.PathOf("f.spool.pending")));
        Assert.False(File.Exists(folder.PathOf("orphan.spool")));
    }

    [Fact]
    public void The_ledger_names_only_temporary_upload_files()
    {
        using var folder = SpoolFolder.Open(_root, "u@h:21/");
        var ledger = new TemporaryLedger(folder);
        var temporary = "/home/u/dir/" + TemporaryNames.Upload();
        ledger.Add(temporary);
        Assert.Throws<ArgumentException>(() => ledger.Add("/home/u/dir/precious.txt"));
        File.WriteAllText(folder.PathOf(".ftpmount-000000000000.part.upload"), "/home/u/precious.txt");
        Assert.Equal([temporary], ledger.Leftovers());
        ledger.Remove(temporary);
        Assert.Empty(ledger.Leftovers());
    }

    private static FileNode Node(SpoolJournal journal, RemotePath path, string content)
    {
        var node = new FileNode(path, null);
        node.Emptied(journal.CreateSpool, DateTimeOffset.UtcNow);
        node.Spool!.Write(System.Text.Encoding.UTF8.GetBytes(content), 0);
        return node;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
