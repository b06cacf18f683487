using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Tests.Spool;

namespace FtpMount.Core.Tests.Entries;

/// <summary>Which open files a listing shows as they are here, decided before the listing is had.</summary>
public sealed class OpenFilesShownTests : IDisposable
{
    private static readonly DateTimeOffset Listed = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ScratchSpool _spool = new();

    private static RemotePath P(string path) => RemotePath.Parse(path);

    private static RemoteEntry File(string name, long size) => new(name, EntryKind.File, size, Listed, 0x1A4, null);

    private static DirectoryListing Listing(params RemoteEntry[] entries) => new(entries, Listed);

    /// <summary>A new file written here and closed, its write-back upload not yet begun.</summary>
    private FileNode Waiting(FileNodeTable table, string path, int length)
    {
        var node = table.Acquire(P(path), () => new FileNode(P(path), null));
        var spool = _spool.NewSpool();
        spool.Write(new byte[length], 0);
        node.Copied(spool, Now);
        node.Changed(Now);
        return node;
    }

    [Fact]
    public void A_file_whose_upload_ends_after_they_are_taken_is_shown_by_a_listing_from_before_the_upload()
    {
        var table = new FileNodeTable();
        var node = Waiting(table, "/new.bin", 300);
        var before = Listing(File("old.bin", 5));

        var open = OpenFilesShown.Take(table, P("/"));

        // The upload ends: the node gets the server's entry, leaves the table and closes its spool. The listing
        // merged next was had before the upload (its update of the cache came after).
        node.Uploaded(File("new.bin", 300));
        Assert.True(table.Release(node));
        node.CloseSpool();
        var names = open.MergeInto(before).Entries.ToDictionary(e => e.Name, e => e.Size, StringComparer.Ordinal);

        Assert.Equal(new Dictionary<string, long?> { ["old.bin"] = 5, ["new.bin"] = 300 }, names);
    }

    [Fact]
    public void A_file_open_unchanged_shows_as_listed_and_an_unlinked_one_not_at_all()
    {
        var table = new FileNodeTable();
        var reading = table.Acquire(P("/listed.bin"), () => new FileNode(P("/listed.bin"), File("listed.bin", 7)));
        var unlinked = Waiting(table, "/gone.bin", 10);
        var changed = Waiting(table, "/changed.bin", 40);
        var open = OpenFilesShown.Take(table, P("/"));

        unlinked.Detached();
        table.Detach(unlinked);
        var names = open.MergeInto(Listing(File("listed.bin", 9), File("changed.bin", 1)))
            .Entries.ToDictionary(e => e.Name, e => e.Size, StringComparer.Ordinal);

        // The listing's own entry for a file only read (the listing is newer than the node's); the local size for one changed.
        Assert.Equal(new Dictionary<string, long?> { ["listed.bin"] = 9, ["changed.bin"] = 40 }, names);
        Assert.False(reading.Deleted);
        Assert.False(changed.Deleted);
    }

    [Fact]
    public void Files_in_other_folders_are_not_shown()
    {
        var table = new FileNodeTable();
        Waiting(table, "/sub/inner.bin", 3);
        var contents = OpenFilesShown.Take(table, P("/")).MergeInto(Listing());
        Assert.Empty(contents.Entries);
    }

    public void Dispose() => _spool.Dispose();
}
