using FtpMount.Dokan.Adapter;

namespace FtpMount.Dokan.Tests.Adapter;

public sealed class CoreCallTests
{
    // Only a bound against hanging: on a loaded machine whose thread pool is busy with blocked callbacks, the late
    // result can take many seconds to be handed over; what the test asserts is that it is handed over at all.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact(Timeout = 30_000)]
    public void A_call_within_its_deadline_returns_its_result()
    {
        var released = 0;
        Assert.Equal(42, CoreCall.Run(async ct => { await Task.Yield(); return 42; }, Patience, _ => released++, CoreCall.Grace));
        Assert.Equal(0, released);
    }

    [Fact(Timeout = 30_000)]
    public void A_call_is_cancelled_at_its_deadline()
    {
        var cancelled = Assert.ThrowsAny<OperationCanceledException>(
            () => CoreCall.Run(async ct => { await Task.Delay(Timeout.Infinite, ct); return 1; }, TimeSpan.FromMilliseconds(50)));
        Assert.NotNull(cancelled);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_result_that_arrives_after_the_caller_stopped_waiting_is_handed_over_to_be_released()
    {
        using var finish = new SemaphoreSlim(0);
        var released = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        // An operation that ignores its cancellation (as a create stuck in a call that cannot be cancelled would).
        Assert.Throws<TimeoutException>(() => CoreCall.Run(
            async _ =>
            {
                await finish.WaitAsync(TestContext.Current.CancellationToken);
                return "opened late";
            },
            TimeSpan.FromMilliseconds(20),
            late => released.TrySetResult(late),
            TimeSpan.FromMilliseconds(20)));

        finish.Release();
        Assert.Equal("opened late", await released.Task.WaitAsync(Patience, TestContext.Current.CancellationToken));
    }
}
