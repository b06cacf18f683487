using FtpMount.Core.Cache;
using FtpMount.Core.Paths;
using FtpMount.Ftp.Listing;

namespace FtpMount.Core.Tests.Cache;

public sealed class ExactTimesTests
{
    private static readonly DateTimeOffset Exact = new DateTimeOffset(2020, 1, 2, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567);
    private static readonly DateTimeOffset Later = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RemotePath Path = RemotePath.Parse("/d/a.txt");

    private static FtpListEntry Listed(DateTimeOffset time, TimeSpan precision, long size = 10) =>
        new("a.txt", FtpEntryType.File, size, time, null, null) { ModifiedPrecision = precision };

    [Theory]
    [InlineData(0, 86400, true)] // LIST "Jan 02  2020": the day holds 07:08:09
    [InlineData(7 * 3600 + 8 * 60, 60, true)] // LIST "Jan 02 07:08"
    [InlineData(7 * 3600 + 9 * 60, 60, false)] // the next minute: MDTM lies, or zones differ
    [InlineData(7 * 3600 + 8 * 60 + 9, 0, true)] // MLSD seconds: a time set here to the nanosecond still agrees
    [InlineData(7 * 3600 + 8 * 60 + 10, 0, false)]
    public void Exact_time_agrees_only_within_the_listed_span(int listedSecondOfDay, int precisionSeconds, bool agrees)
    {
        var listed = Listed(new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero).AddSeconds(listedSecondOfDay), TimeSpan.FromSeconds(precisionSeconds));

        Assert.Equal(agrees, ExactTimes.Agrees(listed, Exact));
    }

    [Fact]
    public void Remembered_time_comes_back_while_size_and_listed_span_agree()
    {
        var times = new ExactTimes(10);
        times.Remember(Path, 10, Exact);
        var day = Listed(new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1));

        Assert.True(times.TryGet(Path, day, Later, out var shown));
        Assert.Equal(Exact, shown);
        Assert.False(times.TryGet(Path, day with { Size = 11 }, Later, out _));
        Assert.False(times.TryGet(Path, Listed(new DateTimeOffset(2020, 1, 3, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1)), Later, out _));
        Assert.False(times.TryGet(RemotePath.Parse("/d/b.txt"), day, Later, out _));
    }

    [Fact]
    public void Remembered_time_is_not_trusted_while_the_listed_minute_is_still_open()
    {
        var times = new ExactTimes(10);
        times.Remember(Path, 10, Exact);
        var minute = Listed(new DateTimeOffset(2020, 1, 2, 7, 8, 0, TimeSpan.Zero), TimeSpan.FromMinutes(1));

        Assert.False(times.TryGet(Path, minute, minute.Modified!.Value.AddSeconds(30), out _));
        Assert.True(times.TryGet(Path, minute, minute.Modified!.Value.AddMinutes(1), out _));
    }

    [Fact]
    public void Memory_is_bounded_and_a_rename_carries_the_time()
    {
        var times = new ExactTimes(3);
        for (int i = 0; i < 100; i++)
        {
            times.Remember(RemotePath.Parse($"/f{i}"), 10, Exact);
            times.Move(RemotePath.Parse($"/f{i}"), RemotePath.Parse($"/g{i}"));
        }

        Assert.Equal(3, times.Count);
        var day = Listed(new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1));
        Assert.True(times.TryGet(RemotePath.Parse("/g99"), day, Later, out _));
        Assert.False(times.TryGet(RemotePath.Parse("/f99"), day, Later, out _));
        Assert.False(times.TryGet(RemotePath.Parse("/g0"), day, Later, out _));
    }

    [Theory]
    [InlineData(120, 3)]
    [InlineData(4, 2)]
    public void A_listing_waits_for_mdtm_at_most_three_seconds_or_half_a_short_listing_deadline(int listingSeconds, int budgetSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(budgetSeconds), ExactTimeFinder.BudgetFor(TimeSpan.FromSeconds(listingSeconds)));
}
