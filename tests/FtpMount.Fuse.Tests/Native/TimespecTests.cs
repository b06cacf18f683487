using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

public sealed class TimespecTests
{
    [Fact]
    public void Converts_to_seconds_and_nanoseconds_since_the_epoch()
    {
        Timespec time = Timespec.From(DateTimeOffset.FromUnixTimeSeconds(1_000_000_000).AddTicks(1234567));

        Assert.Equal(1_000_000_000, time.tv_sec);
        Assert.Equal(123_456_700, time.tv_nsec);
    }

    [Fact]
    public void Times_before_the_epoch_keep_nanoseconds_non_negative()
    {
        Timespec time = Timespec.From(DateTimeOffset.UnixEpoch.AddTicks(-1));

        Assert.Equal(-1, time.tv_sec);
        Assert.Equal(999_999_900, time.tv_nsec);
    }

    [Fact]
    public void Utime_omit_means_leave_unchanged_and_utime_now_means_now()
    {
        Assert.Null(new Timespec { tv_sec = 5, tv_nsec = Timespec.UTIME_OMIT }.ToRequestedTime());
        DateTimeOffset? now = new Timespec { tv_sec = 5, tv_nsec = Timespec.UTIME_NOW }.ToRequestedTime();
        Assert.InRange(now!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(42).AddTicks(5), new Timespec { tv_sec = 42, tv_nsec = 500 }.ToRequestedTime());
    }
}
