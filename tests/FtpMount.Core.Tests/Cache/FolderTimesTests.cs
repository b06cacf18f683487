using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Paths;

namespace FtpMount.Core.Tests.Cache;

public sealed class FolderTimesTests
{
    private static readonly DateTimeOffset Set = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly DateTimeOffset ServerTime = new(2026, 12, 5, 1, 0, 0, TimeSpan.Zero);

    private static RemotePath P(string path) => RemotePath.Parse(path);

    private static RemoteEntry Folder(string name, DateTimeOffset modified) => new(name, EntryKind.Directory, 0, modified, 493, null);

    [Fact]
    public void A_remembered_time_is_shown_for_the_folder_in_every_later_listing_while_the_server_keeps_its_own()
    {
        var times = new FolderTimes();
        times.Remember(P("/a/d"), Set);

        Assert.Equal(Set, times.Apply("/a", Folder("d", ServerTime)).Modified);
        Assert.Equal(Set, times.Apply("/a", Folder("d", ServerTime)).Modified);
        Assert.Equal(ServerTime, times.Apply("/a", Folder("other", ServerTime)).Modified);
        Assert.Equal(ServerTime, times.Apply("/", Folder("d", ServerTime)).Modified);

        // Files are not folders, whatever their name.
        var file = new RemoteEntry("d", EntryKind.File, 1, ServerTime, 420, null);
        Assert.Same(file, times.Apply("/a", file));
    }

    [Fact]
    public void A_server_time_that_changes_after_it_was_noted_means_someone_else_changed_the_folder()
    {
        var times = new FolderTimes();
        times.Remember(P("/d"), Set);
        Assert.Equal(Set, times.Apply("/", Folder("d", ServerTime)).Modified);

        var changed = ServerTime.AddMinutes(1);
        Assert.Equal(changed, times.Apply("/", Folder("d", changed)).Modified);
        Assert.Equal(0, times.Count);
    }

    [Fact]
    public void Our_own_upload_into_the_folder_moves_the_server_time_without_ending_the_remembered_one()
    {
        var times = new FolderTimes();
        times.Remember(P("/d"), Set);
        Assert.Equal(Set, times.Apply("/", Folder("d", ServerTime)).Modified);

        times.ContentSaved(P("/d"));
        Assert.Equal(Set, times.Apply("/", Folder("d", ServerTime.AddSeconds(5))).Modified);
        Assert.Equal(Set, times.Apply("/", Folder("d", ServerTime.AddSeconds(5))).Modified);
    }

    [Fact]
    public void Creating_removing_or_renaming_a_name_in_the_folder_makes_its_time_the_change_time_as_on_linux()
    {
        var times = new FolderTimes();
        var changed = Set.AddMinutes(3).AddMilliseconds(250);
        times.Remember(P("/d"), Set);
        times.ChildrenChanged(P("/elsewhere"), changed);
        Assert.Equal(Set, times.Apply("/", Folder("d", ServerTime)).Modified);

        // Kept past the listing cache, though the server lists only the minute of its own time (vsftpd's LIST).
        times.ChildrenChanged(P("/d"), changed);
        Assert.Equal(changed, times.Apply("/", Folder("d", ServerTime)).Modified);
        Assert.Equal(changed, times.Apply("/", Folder("d", ServerTime)).Modified);
        Assert.Equal(changed, times.TimeOf(P("/d")));

        // Someone else changing the folder afterwards still shows the server's time.
        Assert.Equal(ServerTime.AddMinutes(1), times.Apply("/", Folder("d", ServerTime.AddMinutes(1))).Modified);
    }

    [Fact]
    public void A_renamed_folder_takes_its_time_and_those_below_it_along_and_a_removed_one_forgets_them()
    {
        var times = new FolderTimes();
        times.Remember(P("/old"), Set);
        times.Remember(P("/old/inner"), Set.AddDays(1));
        times.Remember(P("/older"), Set.AddDays(2));
        times.Remember(P("/new"), Set.AddDays(3));

        times.Moved(P("/old"), P("/new"));
        Assert.Equal(Set, times.TimeOf(P("/new")));
        Assert.Equal(Set.AddDays(1), times.TimeOf(P("/new/inner")));
        Assert.Null(times.TimeOf(P("/old")));
        Assert.Null(times.TimeOf(P("/old/inner")));
        Assert.Equal(Set.AddDays(2), times.TimeOf(P("/older")));
        Assert.Equal(3, times.Count);

        times.Removed(P("/new"));
        Assert.Null(times.TimeOf(P("/new")));
        Assert.Null(times.TimeOf(P("/new/inner")));
        Assert.Equal(1, times.Count);
    }

    [Fact]
    public void Memory_is_bounded_by_forgetting_the_oldest_folder()
    {
        var times = new FolderTimes(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            times.Remember(P($"/d{i}"), Set.AddDays(i));
        }

        Assert.Equal(3, times.Count);
        Assert.Null(times.TimeOf(P("/d0")));
        Assert.Null(times.TimeOf(P("/d1")));
        Assert.Equal(Set.AddDays(4), times.TimeOf(P("/d4")));

        // Setting a time again makes the folder the newest.
        times.Remember(P("/d2"), Set);
        times.Remember(P("/d5"), Set);
        Assert.Equal(Set, times.TimeOf(P("/d2")));
        Assert.Null(times.TimeOf(P("/d3")));
    }

    [Fact]
    public void The_mounted_root_has_no_listed_entry_and_shows_the_remembered_time_directly()
    {
        var times = new FolderTimes();
        Assert.Null(times.TimeOf(RemotePath.Root));
        times.Remember(RemotePath.Root, Set);
        Assert.Equal(Set, times.TimeOf(RemotePath.Root));
        Assert.Equal(Set, times.Apply("/", Folder("x", ServerTime)) is { Name: "x" } ? times.TimeOf(RemotePath.Root) : null);
        var changed = Set.AddSeconds(7);
        times.ChildrenChanged(RemotePath.Root, changed);
        Assert.Equal(changed, times.TimeOf(RemotePath.Root));
    }
}
