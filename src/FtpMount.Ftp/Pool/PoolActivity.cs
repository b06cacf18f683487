namespace FtpMount.Ftp.Pool;

/// <summary>
/// When a pool's connections last did something: a reply arrived, data moved, a connection was opened or came back.
/// Waiting for a connection is bounded by the lack of this, not by the wait itself: behind busy connections a caller
/// may queue for as long as they make progress, however slow the machine, but not past a server that went silent.
/// </summary>
public sealed class PoolActivity
{
    private readonly TimeProvider _time;
    private long _last;

    public PoolActivity(TimeProvider time)
    {
        _time = time;
        _last = time.GetTimestamp();
    }

    /// <summary>Records that something happened now.</summary>
    public void Touch() => Volatile.Write(ref _last, _time.GetTimestamp());

    /// <summary>Time since the last activity, or since <paramref name="since"/> if that is later.</summary>
    public TimeSpan QuietFor(long since) => _time.GetElapsedTime(Math.Max(Volatile.Read(ref _last), since));

    /// <summary>Time since the last activity.</summary>
    public TimeSpan QuietFor() => _time.GetElapsedTime(Volatile.Read(ref _last));
}
