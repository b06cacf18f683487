namespace FtpMount.Fuse.Native;

/// <summary><c>struct timespec</c> (time.h) on 64-bit Linux: both fields are <c>long</c>.</summary>
internal struct Timespec
{
    internal long tv_sec;
    internal long tv_nsec;

    /// <summary><c>UTIME_NOW</c> from sys/stat.h: utimensat's "set to the current time".</summary>
    internal const long UTIME_NOW = (1L << 30) - 1;

    /// <summary><c>UTIME_OMIT</c> from sys/stat.h: utimensat's "leave this time unchanged".</summary>
    internal const long UTIME_OMIT = (1L << 30) - 2;

    private const long NanosecondsPerTick = 100;

    internal static Timespec From(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTime.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new Timespec { tv_sec = seconds, tv_nsec = remainder * NanosecondsPerTick };
    }

    /// <summary>Reads one entry of utimens' <c>tv[2]</c>: null for UTIME_OMIT, the current time for UTIME_NOW.</summary>
    internal readonly DateTimeOffset? ToRequestedTime() => tv_nsec switch
    {
        UTIME_OMIT => null,
        UTIME_NOW => DateTimeOffset.UtcNow,
        _ => DateTimeOffset.UnixEpoch.AddTicks((tv_sec * TimeSpan.TicksPerSecond) + (tv_nsec / NanosecondsPerTick)),
    };
}
