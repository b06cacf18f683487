namespace FtpMount.Core.Tests.Bridging;

/// <summary>
/// A clock whose every timer fires at once and then lets the call finish: the call ends just after the wait for it
/// timed out, before the waiter has looked at it again, as it can on a loaded machine.
/// </summary>
internal sealed class TimeoutThenFinish(TaskCompletionSource<int> call, int result) : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        callback(state);
        call.TrySetResult(result);
        return new Stopped();
    }

    private sealed class Stopped : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
