using Microsoft.Extensions.Time.Testing;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells a test when code under test has started waiting on it: a wait
/// (<c>Task.Delay</c>, a <c>CancellationTokenSource</c> deadline) is a timer created with its due time. Advancing the
/// clock before the timer exists would start it from the new time; waiting for it first makes every step exact.
/// </summary>
internal sealed class TimerWatchingClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Lock _lock = new();
    private readonly Dictionary<TimeSpan, int> _created = [];
    private readonly Dictionary<TimeSpan, int> _seen = [];

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Counted once the fake clock holds the timer: counted before, a test could advance the clock in between,
        // and the timer would then count from the later time and never fall due.
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            _created[dueTime] = _created.GetValueOrDefault(dueTime) + 1;
        }

        return timer;
    }

    /// <summary>Moves the clock on; timers that fall due run now, on this thread.</summary>
    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>Waits until one more wait of <paramref name="due"/> was started than this method has returned for before.</summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            lock (_lock)
            {
                if (_created.GetValueOrDefault(due) > _seen.GetValueOrDefault(due))
                {
                    _seen[due] = _seen.GetValueOrDefault(due) + 1;
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < until, $"nothing started waiting {due} on the clock");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
