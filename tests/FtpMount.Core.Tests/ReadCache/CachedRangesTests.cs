using FsCheck;
using FsCheck.Fluent;
using FtpMount.Core.ReadCache;

namespace FtpMount.Core.Tests.ReadCache;

/// <summary>The map of valid byte ranges: merging, holes, coalescing, and agreement with a byte-by-byte model.</summary>
public sealed class CachedRangesTests
{
    [Fact(Timeout = 10_000)]
    public void Adjacent_and_overlapping_ranges_coalesce_into_one()
    {
        var ranges = new CachedRanges();
        Assert.Equal(100, ranges.Add(0, 100));
        Assert.Equal(100, ranges.Add(100, 200));
        Assert.Equal(50, ranges.Add(150, 250));
        Assert.Equal(0, ranges.Add(10, 20));

        Assert.Equal([(0L, 250L)], ranges.Ranges.ToArray());
        Assert.Equal(250, ranges.TotalBytes);
    }

    [Fact(Timeout = 10_000)]
    public void A_hole_keeps_two_ranges_until_it_is_filled()
    {
        var ranges = new CachedRanges();
        ranges.Add(0, 10);
        ranges.Add(20, 30);

        Assert.Equal(2, ranges.Count);
        Assert.True(ranges.Covers(0, 10));
        Assert.False(ranges.Covers(5, 25));
        Assert.Equal(10, ranges.CoveredUntil(3));
        Assert.Equal(15, ranges.CoveredUntil(15));

        Assert.Equal(10, ranges.Add(5, 25));
        Assert.Equal([(0L, 30L)], ranges.Ranges.ToArray());
        Assert.True(ranges.Covers(5, 25));
    }

    [Fact(Timeout = 10_000)]
    public void A_range_spanning_several_swallows_them_all()
    {
        var ranges = new CachedRanges();
        ranges.Add(10, 20);
        ranges.Add(30, 40);
        ranges.Add(50, 60);

        Assert.Equal(70 - 30, ranges.Add(0, 70));
        Assert.Equal([(0L, 70L)], ranges.Ranges.ToArray());
    }

    [Fact(Timeout = 10_000)]
    public void A_file_read_in_order_in_small_pieces_is_one_range()
    {
        var ranges = new CachedRanges();
        for (long offset = 0; offset < 1 << 20; offset += 4096)
        {
            ranges.Add(offset, offset + 4096);
        }

        Assert.Equal(1, ranges.Count);
    }

    [Fact(Timeout = 30_000)]
    public void The_map_agrees_with_a_byte_by_byte_model()
    {
        var adds = Gen.Choose(0, 199).SelectMany(start => Gen.Choose(0, 40).Select(length => (Start: start, Length: length))).ArrayOf();
        Prop.ForAll(adds.ToArbitrary(), pieces =>
        {
            var ranges = new CachedRanges();
            var model = new bool[260];
            foreach (var (start, length) in pieces)
            {
                var before = model.Count(b => b);
                for (var i = start; i < start + length; i++)
                {
                    model[i] = true;
                }

                if (ranges.Add(start, start + length) != model.Count(b => b) - before)
                {
                    return false;
                }
            }

            var list = ranges.Ranges.ToArray();
            var sortedAndApart = list.Zip(list.Skip(1)).All(p => p.First.End < p.Second.Start);
            var sameBytes = Enumerable.Range(0, model.Length).All(i => model[i] == ranges.Covers(i, i + 1));
            var sameCoverage = Enumerable.Range(0, model.Length).All(i =>
                ranges.CoveredUntil(i) == (model[i] ? Enumerable.Range(i, model.Length - i).First(j => !model[j]) : i));
            return sortedAndApart && sameBytes && sameCoverage && ranges.TotalBytes == model.Count(b => b);
        }).QuickCheckThrowOnFailure();
    }
}
