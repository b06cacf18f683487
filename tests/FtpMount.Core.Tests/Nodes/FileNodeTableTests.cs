using FtpMount.Core.Entries;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>The open files by path: one node per path, counted holders, and renames, unlinks and listings over it.</summary>
public sealed class FileNodeTableTests
{
    private static RemotePath P(string path) => RemotePath.Parse(path);

    private static FileNode Node(string path) => new(P(path), new RemoteEntry(P(path).Name, EntryKind.File, 1, DateTimeOffset.UnixEpoch, null, null));

    [Fact]
    public void Every_open_of_a_path_shares_one_node_and_counts_a_handle()
    {
        var table = new FileNodeTable();
        var created = 0;
        var first = table.Acquire(P("/a"), () => { created++; return Node("/a"); });
        var second = table.Acquire(P("/a"), () => { created++; return Node("/a"); });

        Assert.Same(first, second);
        Assert.Equal(1, created);
        Assert.Equal(2, first.OpenHandles);
        Assert.Same(first, table.Find(P("/a")));
        Assert.Null(table.Find(P("/b")));
    }

    [Fact]
    public void Trying_to_join_an_open_path_counts_a_handle_and_a_path_whose_last_holder_left_gives_none()
    {
        var table = new FileNodeTable();
        Assert.Null(table.TryAcquire(P("/a")));

        var node = table.Acquire(P("/a"), () => Node("/a"));
        Assert.Same(node, table.TryAcquire(P("/a")));
        Assert.Equal(2, node.OpenHandles);

        Assert.False(table.Release(node));
        Assert.True(table.Release(node));
        Assert.Null(table.TryAcquire(P("/a")));
        Assert.Equal(0, node.OpenHandles);
    }

    [Fact]
    public void The_node_leaves_the_table_with_its_last_holder_the_write_back_queue_included()
    {
        var table = new FileNodeTable();
        var node = table.Acquire(P("/a"), () => Node("/a"));
        table.Retain(node);

        Assert.False(table.Release(node));
        Assert.Same(node, table.Find(P("/a")));
        Assert.True(table.Release(node));
        Assert.Equal(0, node.OpenHandles);
        Assert.Null(table.Find(P("/a")));

        var again = table.Acquire(P("/a"), () => Node("/a"));
        Assert.NotSame(node, again);
        Assert.Equal(1, again.OpenHandles);
    }

    [Fact]
    public void A_detached_node_keeps_its_handles_and_its_last_release_leaves_a_newer_node_of_the_path_alone()
    {
        var table = new FileNodeTable();
        var unlinked = table.Acquire(P("/a"), () => Node("/a"));
        table.Detach(unlinked);
        Assert.Null(table.Find(P("/a")));
        Assert.Equal(1, unlinked.OpenHandles);

        var recreated = table.Acquire(P("/a"), () => Node("/a"));
        Assert.True(table.Release(unlinked));
        Assert.Same(recreated, table.Find(P("/a")));

        table.Detach(unlinked);
        Assert.Same(recreated, table.Find(P("/a")));
    }

    [Fact]
    public void A_rename_of_a_folder_moves_every_node_below_it_and_nothing_beside_it()
    {
        var table = new FileNodeTable();
        var inside = table.Acquire(P("/d/x"), () => Node("/d/x"));
        var deeper = table.Acquire(P("/d/s/y"), () => Node("/d/s/y"));
        var beside = table.Acquire(P("/dd/z"), () => Node("/dd/z"));

        table.Move(P("/d"), P("/e"));

        Assert.Equal("/e/x", inside.Path.Value);
        Assert.Equal("/e/s/y", deeper.Path.Value);
        Assert.Equal("/dd/z", beside.Path.Value);
        Assert.Same(inside, table.Find(P("/e/x")));
        Assert.Same(deeper, table.Find(P("/e/s/y")));
        Assert.Null(table.Find(P("/d/x")));
        Assert.True(table.Release(inside));
        Assert.Null(table.Find(P("/e/x")));
    }

    [Fact]
    public void A_rename_of_one_file_moves_its_node_with_its_handle_count()
    {
        var table = new FileNodeTable();
        var node = table.Acquire(P("/a"), () => Node("/a"));
        table.Acquire(P("/a"), () => Node("/a"));

        table.Move(P("/a"), P("/b"));

        Assert.Same(node, table.Find(P("/b")));
        Assert.Equal(2, node.OpenHandles);
        Assert.False(table.Release(node));
        Assert.True(table.Release(node));
        Assert.Null(table.Find(P("/b")));
    }

    [Fact]
    public void Listings_see_the_open_files_directly_inside_a_folder_and_rmdir_sees_live_ones_below_it()
    {
        var table = new FileNodeTable();
        var child = table.Acquire(P("/d/a"), () => Node("/d/a"));
        table.Acquire(P("/d/s/b"), () => Node("/d/s/b"));
        table.Acquire(P("/other"), () => Node("/other"));

        Assert.Equal([child], table.ChildrenOf(P("/d")));
        Assert.Equal(2, table.Within(P("/d")).Count);
        Assert.True(table.HasLiveFileWithin(P("/d")));

        var lone = table.Acquire(P("/e/c"), () => Node("/e/c"));
        lone.Detached();
        Assert.False(table.HasLiveFileWithin(P("/e")));
        Assert.False(table.HasLiveFileWithin(P("/other")));
    }

    [Fact]
    public void Only_dirty_nodes_count_as_unsaved()
    {
        var table = new FileNodeTable();
        var changed = table.Acquire(P("/a"), () => Node("/a"));
        table.Acquire(P("/b"), () => Node("/b"));
        Assert.Equal(0, table.DirtyCount);

        changed.Changed(DateTimeOffset.UnixEpoch);
        Assert.Equal(1, table.DirtyCount);

        changed.Uploaded(new RemoteEntry("a", EntryKind.File, 0, DateTimeOffset.UnixEpoch, null, null));
        Assert.Equal(0, table.DirtyCount);
    }
}
