using FtpMount.Core.Entries;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;

namespace FtpMount.Core.Tests.Spool;

public class JournalEntryTests
{
    private static readonly DateTimeOffset When = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void An_entry_reads_back_as_written_including_awkward_characters()
    {
        var entry = new JournalEntry(
            "bob@nas:2121/home/bob/100% done\nx", RemotePath.Parse("/dir/a b%c.txt"), "0123abcd.spool", 420, When,
            new ServerBase(false, 17, When.AddDays(-1)), When.AddSeconds(1));
        Assert.Equal(entry, JournalEntry.TryParse(entry.Format(), out _));
    }

    [Fact]
    public void A_refusal_for_good_is_kept_with_the_entry_and_an_entry_without_one_is_not_refused()
    {
        var entry = new JournalEntry(
            "u@h:21/", RemotePath.Parse("/back\\slash.txt"), "x.spool", 420, null, ServerBase.None, When, "553 Prohibited file name: back\\slash.txt");
        var read = JournalEntry.TryParse(entry.Format(), out _)!;
        Assert.Equal(entry, read);
        Assert.Equal("553 Prohibited file name: back\\slash.txt", read.Refused);
        Assert.Null(JournalEntry.TryParse((entry with { Refused = null }).Format(), out _)!.Refused);
        Assert.DoesNotContain("refused", (entry with { Refused = null }).Format(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_file_has_an_absent_base_and_no_pending_metadata()
    {
        var entry = new JournalEntry("u@h:21/", RemotePath.Parse("/n"), "x.spool", null, null, ServerBase.None, When);
        var read = JournalEntry.TryParse(entry.Format(), out _)!;
        Assert.True(read.Base.Absent);
        Assert.Null(read.Mode);
        Assert.Null(read.Modified);
    }

    [Fact]
    public void A_version_1_entry_is_not_replayed_because_it_does_not_say_which_server_it_is_for()
    {
        Assert.Null(JournalEntry.TryParse("ftpmount-pending 1\n/a.txt\n-\n-\n", out var problem));
        Assert.Contains("older ftpmount", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spool ../../etc/passwd")]
    [InlineData("spool x.txt")]
    [InlineData("base 12")]
    [InlineData("path relative")]
    [InlineData("mode -5")]
    public void A_damaged_or_planted_entry_is_refused(string replace)
    {
        var good = new JournalEntry("u@h:21/", RemotePath.Parse("/a"), "x.spool", 1, null, new ServerBase(false, 3, null), When).Format();
        var key = replace[..replace.IndexOf(' ', StringComparison.Ordinal)];
        var lines = good.Split('\n').Select(l => l.StartsWith(key + " ", StringComparison.Ordinal) ? replace : l);
        Assert.Null(JournalEntry.TryParse(string.Join('\n', lines), out _));
    }

    [Fact]
    public void The_base_matches_the_same_file_and_not_a_changed_one()
    {
        var based = new ServerBase(false, 10, When);
        Assert.True(based.StillMatches(File(10, When.AddMilliseconds(400))));
        Assert.False(based.StillMatches(File(11, When)));
        Assert.False(based.StillMatches(File(10, When.AddMinutes(1))));
        Assert.False(based.StillMatches(new RemoteEntry("a", EntryKind.Directory, 10, When, null, null)));

        // Gone from the server: uploading overwrites nothing.
        Assert.True(based.StillMatches(null));
    }

    [Fact]
    public void A_new_file_conflicts_with_any_file_created_meanwhile_and_our_own_upload_is_compared_by_size()
    {
        Assert.True(ServerBase.None.StillMatches(null));
        Assert.False(ServerBase.None.StillMatches(File(0, When)));
        var ours = ServerBase.Of(File(5, When), modifiedIsOurs: true);
        Assert.True(ours.StillMatches(File(5, When.AddHours(3))));
        Assert.False(ours.StillMatches(File(6, When)));
    }

    [Fact]
    public void A_base_whose_size_the_server_never_gave_reads_back_unknown_and_is_compared_by_time_alone()
    {
        var unknown = ServerBase.Of(new RemoteEntry("a", EntryKind.File, null, When, null, null), modifiedIsOurs: false);
        var entry = new JournalEntry("u@h:21/", RemotePath.Parse("/a"), "x.spool", null, null, unknown, When);

        var read = JournalEntry.TryParse(entry.Format(), out _)!;

        Assert.Equal(unknown, read.Base);
        Assert.Null(read.Base.Size);
        Assert.True(read.Base.StillMatches(File(12_345, When)));
        Assert.True(read.Base.StillMatches(new RemoteEntry("a", EntryKind.File, null, When, null, null)));
        Assert.False(read.Base.StillMatches(File(12_345, When.AddMinutes(1))));
    }

    [Fact]
    public void A_conflict_copy_keeps_the_extension_and_sits_beside_the_original()
    {
        Assert.Equal("/d/report.ftpmount-conflict-20250102-030405Z.txt", ConflictName.For(RemotePath.Parse("/d/report.txt"), When, 1).Value);
        Assert.Equal("/Makefile.ftpmount-conflict-20250102-030405Z-2", ConflictName.For(RemotePath.Parse("/Makefile"), When, 2).Value);
        Assert.Equal("/.bashrc.ftpmount-conflict-20250102-030405Z", ConflictName.For(RemotePath.Parse("/.bashrc"), When, 1).Value);
    }

    private static RemoteEntry File(long size, DateTimeOffset modified) => new("a", EntryKind.File, size, modified, null, null);
}
