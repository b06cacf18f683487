using FtpMount.Core.Handles.Segments;

namespace FtpMount.Core.Tests.Reading;

public sealed class SegmentPlannerTests
{
    private const long MiB = 1024 * 1024;
    private const double Slow = 2 * MiB;
    private static readonly TimeSpan Wan = TimeSpan.FromMilliseconds(150);

    [Fact]
    public void A_slow_long_sequential_read_is_split_over_the_free_streams()
    {
        var plan = SegmentPlanner.Plan(16 * MiB, Slow, Wan, 200 * MiB, freeStreams: 6);

        Assert.Equal(new SegmentPlan(6, SegmentPlanner.MinSegmentBytes), plan);
    }

    [Fact]
    public void A_short_sequential_run_stays_on_one_stream()
    {
        Assert.Null(SegmentPlanner.Plan(SegmentPlanner.SequentialThresholdBytes - 1, Slow, Wan, 200 * MiB, 6));
    }

    [Theory]
    [InlineData(1200.0 * MiB)]
    [InlineData(SegmentPlanner.FastStreamBytesPerSecond)]
    [InlineData(double.PositiveInfinity)]
    public void A_fast_stream_stays_single(double bytesPerSecond)
    {
        Assert.Null(SegmentPlanner.Plan(64 * MiB, bytesPerSecond, TimeSpan.FromMilliseconds(1), 1024 * MiB, 6));
    }

    [Fact]
    public void Near_the_end_of_the_file_nothing_is_split()
    {
        Assert.Null(SegmentPlanner.Plan(64 * MiB, Slow, Wan, (2 * SegmentPlanner.MinSegmentBytes) - 1, 6));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Fewer_than_two_free_streams_keep_the_single_stream(int freeStreams)
    {
        Assert.Null(SegmentPlanner.Plan(64 * MiB, Slow, Wan, 200 * MiB, freeStreams));
    }

    [Fact]
    public void The_buffered_total_stays_within_the_cap_however_many_streams_are_free()
    {
        var plan = SegmentPlanner.Plan(64 * MiB, 30 * MiB, TimeSpan.FromMilliseconds(200), 1024 * MiB, freeStreams: 100);

        Assert.NotNull(plan);
        Assert.True((long)plan.Value.Count * plan.Value.SegmentBytes <= SegmentPlanner.MaxBufferedBytes, $"{plan}");
        Assert.True(plan.Value.Count >= 2);
    }

    [Fact]
    public void Segments_are_not_planned_past_the_end_of_the_file()
    {
        var plan = SegmentPlanner.Plan(16 * MiB, Slow, Wan, 9 * MiB, freeStreams: 7);

        Assert.Equal(new SegmentPlan(3, SegmentPlanner.MinSegmentBytes), plan);
    }

    [Fact]
    public void Segments_grow_with_throughput_times_start_cost_within_bounds()
    {
        var small = SegmentPlanner.SegmentBytes(Slow, TimeSpan.FromMilliseconds(10));
        var middle = SegmentPlanner.SegmentBytes(10 * MiB, TimeSpan.FromMilliseconds(100));
        var large = SegmentPlanner.SegmentBytes(30 * MiB, TimeSpan.FromSeconds(1));

        Assert.Equal(SegmentPlanner.MinSegmentBytes, small);
        Assert.InRange(middle, SegmentPlanner.MinSegmentBytes + 1, SegmentPlanner.MaxSegmentBytes - 1);
        Assert.Equal(0, middle % MiB);
        Assert.Equal(SegmentPlanner.MaxSegmentBytes, large);
    }
}
