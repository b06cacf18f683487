using FtpMount.Ftp.Pool;
using Microsoft.Extensions.Time.Testing;

namespace FtpMount.Ftp.Tests.Pool;

public sealed class RetryBackoffTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Pauses_double_from_the_base_delay_up_to_five_seconds_and_each_is_taken_in_full()
    {
        var time = new FakeTimeProvider();
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), time, new LogRecorder());
        var taken = new List<TimeSpan>();

        for (var i = 0; i < 8; i++)
        {
            var pause = backoff.Next;
            var started = time.GetUtcNow();
            var pausing = backoff.PauseAsync("RETR /a", "connection lost", Ct);

            time.Advance(pause - TimeSpan.FromTicks(1));
            Assert.False(pausing.IsCompleted, $"pause {i + 1} ended before its {pause}");
            time.Advance(TimeSpan.FromTicks(1));
            await pausing.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            taken.Add(time.GetUtcNow() - started);
        }

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 5000, 5000], taken.Select(t => (int)t.TotalMilliseconds));
    }

    [Fact(Timeout = 30_000)]
    public void A_base_delay_above_the_cap_is_capped_from_the_first_pause()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(30), new FakeTimeProvider(), new LogRecorder());
        Assert.Equal(RetryBackoff.MaxPause, backoff.Next);
    }

    [Fact(Timeout = 30_000)]
    public async Task Each_pause_is_logged_with_the_operation_the_reason_and_its_length_before_it_is_taken()
    {
        var time = new FakeTimeProvider();
        var log = new LogRecorder();
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(250), time, log);

        var first = backoff.PauseAsync("LIST /dir", "421 Too many users", Ct);
        Assert.Single(log.Entries);
        time.Advance(TimeSpan.FromMilliseconds(250));
        await first.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var second = backoff.PauseAsync("LIST /dir", "connection lost", Ct);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await second.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(
            [
                (9, "Retrying LIST /dir in 00:00:00.2500000 after 421 Too many users (attempt 1)"),
                (9, "Retrying LIST /dir in 00:00:00.5000000 after connection lost (attempt 2)"),
            ],
            log.Entries);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_pause_ends_early_when_the_operation_is_cancelled()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), new FakeTimeProvider(), new LogRecorder());

        var pausing = backoff.PauseAsync("STOR /a", "connection lost", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pausing);
    }
}
