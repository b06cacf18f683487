using FtpMount.Core.Handles;

namespace FtpMount.Core.Tests.Reading;

public sealed class ReadWindowTests
{
    /// <summary>Byte i of the simulated download is (byte)(i * 7 + 3).</summary>
    private static byte At(long position) => unchecked((byte)(position * 7 + 3));

    /// <summary>Feeds the window in chunks of at most <paramref name="chunk"/> until it ends at <paramref name="end"/>.</summary>
    private static void FillTo(ReadWindow window, long end, int chunk)
    {
        while (window.End < end)
        {
            var free = window.GetFreeSpace().Span;
            Assert.False(free.IsEmpty);
            var count = (int)Math.Min(Math.Min(free.Length, chunk), end - window.End);
            for (var i = 0; i < count; i++)
            {
                free[i] = At(window.End + i);
            }

            window.Commit(count);
        }
    }

    private static void AssertHolds(ReadWindow window, long position, int length)
    {
        var copy = new byte[length];
        var copied = 0;
        while (copied < length)
        {
            copied += window.CopyTo(position + copied, copy.AsSpan(copied));
        }

        for (var i = 0; i < length; i++)
        {
            Assert.Equal(At(position + i), copy[i]);
        }
    }

    [Fact]
    public void Holds_what_was_committed_from_the_reset_position()
    {
        using var window = new ReadWindow(4096);
        window.Reset(1000);
        FillTo(window, 1000 + 3000, 700);
        Assert.Equal(1000, window.Start);
        Assert.Equal(3000, window.Length);
        AssertHolds(window, 1000, 3000);
        Assert.False(window.Contains(999));
        Assert.False(window.Contains(4000));
    }

    [Fact]
    public void When_full_only_the_oldest_eighth_goes_and_wrapped_bytes_copy_out_in_order()
    {
        using var window = new ReadWindow(4096);
        var capacity = window.Capacity;
        window.Reset(0);
        FillTo(window, capacity, 1000);
        Assert.Equal(0, window.Start);

        // One more byte needs room: the oldest eighth is dropped, the rest stays, and the new bytes wrap around.
        FillTo(window, capacity + 10, 1000);
        Assert.Equal(capacity / 8, window.Start);
        Assert.Equal(capacity + 10, window.End);
        AssertHolds(window, window.Start, window.Length);

        // Many laps later the window still holds exactly its last bytes, wherever the ring's seam is.
        FillTo(window, (capacity * 5) + 123, 333);
        Assert.True(window.Length >= capacity - (capacity / 8));
        AssertHolds(window, window.Start, window.Length);
    }

    [Fact]
    public void A_copy_stops_at_the_end_of_the_window_or_of_the_destination()
    {
        using var window = new ReadWindow(4096);
        window.Reset(0);
        FillTo(window, 100, 100);
        Assert.Equal(40, window.CopyTo(60, new byte[1000]));
        Assert.Equal(10, window.CopyTo(0, new byte[10]));
    }

    [Fact]
    public void Positions_outside_and_oversized_commits_are_refused()
    {
        using var window = new ReadWindow(4096);
        window.Reset(50);
        Assert.Throws<ArgumentOutOfRangeException>(() => window.CopyTo(50, new byte[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Commit(window.Capacity + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Commit(-1));
    }

    [Fact]
    public void Reset_empties_the_window()
    {
        using var window = new ReadWindow(4096);
        window.Reset(0);
        FillTo(window, 5000, 4096);
        window.Reset(10_000);
        Assert.Equal(0, window.Length);
        Assert.False(window.Contains(4999));
        FillTo(window, 10_100, 64);
        AssertHolds(window, 10_000, 100);
    }
}
