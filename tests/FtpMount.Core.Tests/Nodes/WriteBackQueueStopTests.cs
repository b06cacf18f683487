using static FtpMount.Core.Tests.Nodes.WriteBackQueueSetup;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// The write-back queue stopping, and attempts cut short: an unmount, its deadline, a dispose, an attempt's own
/// deadline and a file kept busy past it (rclone's "cancel while uploading").
/// </summary>
public sealed class WriteBackQueueStopTests : IDisposable
{
    private readonly WriteBackQueueSetup _setup = new();

    [Fact(Timeout = 30_000)]
    public async Task An_unmount_starts_waiting_uploads_at_once_and_waits_for_them()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "content");
        await _setup.Clock.WaitForTimerAsync(Delay);

        var finish = queue.FinishAsync(TimeSpan.FromMinutes(5));
        var attempt = await _setup.Steps.NextAttemptAsync();
        Assert.Equal(_setup.Start, attempt.At);
        Assert.False(finish.IsCompleted);
        attempt.Succeed();

        await finish;
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _setup.Steps.Started);
        _setup.AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_upload_still_running_when_the_unmount_deadline_passes_is_cancelled_and_stays_journaled()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "precious");
        await _setup.Clock.WaitForTimerAsync(Delay);
        _setup.Clock.Advance(Delay);
        var attempt = await _setup.Steps.NextAttemptAsync();

        var deadline = TimeSpan.FromSeconds(30);
        var finish = queue.FinishAsync(deadline);
        await _setup.Clock.WaitForTimerAsync(deadline);
        _setup.Clock.Advance(deadline - Tick);
        Assert.False(finish.IsCompleted);
        Assert.False(attempt.Token.IsCancellationRequested);
        _setup.Clock.Advance(Tick);

        await finish;
        Assert.True(attempt.Token.IsCancellationRequested);
        await UntilAsync(() => queue.Count == 0, "the cancelled upload to leave the queue");
        Assert.Equal(1, _setup.Steps.Started);
        _setup.AssertLetGo(node);
        Assert.True(node.Dirty);
        _setup.AssertJournaled("/a", "precious");
    }

    [Fact(Timeout = 30_000)]
    public async Task An_upload_that_fails_during_the_unmount_is_not_retried_and_stays_journaled()
    {
        using var queue = _setup.NewQueue();
        await _setup.CloseAsync(queue, "/a", "precious");
        await _setup.Clock.WaitForTimerAsync(Delay);

        var finish = queue.FinishAsync(TimeSpan.FromMinutes(5));
        (await _setup.Steps.NextAttemptAsync()).Fail(new IOException("connection reset"));

        await finish;
        await UntilAsync(() => queue.Count == 0, "the failed upload to leave the queue");
        Assert.Equal(1, _setup.Steps.Started);
        _setup.AssertJournaled("/a", "precious");
    }

    [Fact(Timeout = 30_000)]
    public async Task Disposing_the_queue_while_an_upload_runs_cancels_it_and_the_file_stays_journaled()
    {
        var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "precious");
        await _setup.Clock.WaitForTimerAsync(Delay);
        _setup.Clock.Advance(Delay);
        var attempt = await _setup.Steps.NextAttemptAsync();

        queue.Dispose();

        await UntilAsync(() => queue.Count == 0, "the cancelled upload to end");
        Assert.True(attempt.Token.IsCancellationRequested);
        _setup.AssertLetGo(node);
        _setup.AssertJournaled("/a", "precious");
    }

    [Fact(Timeout = 30_000)]
    public async Task An_attempt_with_no_result_within_its_deadline_counts_as_failed_and_is_retried()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "content");
        await _setup.Clock.WaitForTimerAsync(Delay);
        _setup.Clock.Advance(Delay);
        var hanging = await _setup.Steps.NextAttemptAsync();

        _setup.Clock.Advance(AttemptTimeout - Tick);
        Assert.False(hanging.Token.IsCancellationRequested);
        _setup.Clock.Advance(Tick);
        Assert.True(hanging.Token.IsCancellationRequested);
        await _setup.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("no result within 60 s", Assert.Single(queue.Snapshot()).LastError);

        _setup.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _setup.Steps.NextAttemptAsync()).Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(2, _setup.Steps.Started);
        _setup.AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_kept_busy_past_the_attempt_deadline_is_tried_again_later()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "content");
        await _setup.Clock.WaitForTimerAsync(Delay);

        await node.Gate.WaitAsync(TestContext.Current.CancellationToken);
        _setup.Clock.Advance(Delay);
        await _setup.Clock.WaitForTimerAsync(AttemptTimeout);
        _setup.Clock.Advance(AttemptTimeout);
        await _setup.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("the file stayed busy for 60 s", Assert.Single(queue.Snapshot()).LastError);
        Assert.Equal(0, _setup.Steps.Started);
        node.Gate.Release();

        _setup.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _setup.Steps.NextAttemptAsync()).Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        _setup.AssertLetGo(node);
    }

    public void Dispose() => _setup.Dispose();
}
