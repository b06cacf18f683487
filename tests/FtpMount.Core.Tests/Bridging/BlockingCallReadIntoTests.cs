using FtpMount.Core.Bridging;
using FtpMount.Testing.Threading;

namespace FtpMount.Core.Tests.Bridging;

/// <summary>
/// <see cref="BlockingCall.ReadInto"/>: the read writes into the caller's own memory, starts on the calling thread
/// (no thread-pool hop), and says exactly once, whatever happened, when it no longer touches that memory.
/// </summary>
public sealed class BlockingCallReadIntoTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public void A_read_completed_before_its_first_await_runs_on_the_calling_thread_and_writes_into_the_given_memory()
    {
        // A scheduler that never runs anything: a read that needed a hop could not complete.
        var bridge = new BlockingCall(scheduler: new HeldTaskScheduler());
        var memory = new byte[8];
        var caller = Environment.CurrentManagedThreadId;
        int? readOn = null;
        var ended = 0;

        var count = bridge.ReadInto(
            memory,
            () => ended++,
            (destination, _) =>
            {
                readOn = Environment.CurrentManagedThreadId;
                destination.Span[..3].Fill(7);
                return Task.FromResult(3);
            },
            Patience);

        Assert.Equal(3, count);
        Assert.Equal(caller, readOn);
        Assert.Equal(new byte[] { 7, 7, 7, 0, 0, 0, 0, 0 }, memory);
        Assert.Equal(1, ended);
    }

    [Fact(Timeout = 30_000)]
    public void A_read_that_waits_is_waited_for_and_ends_once()
    {
        var ended = 0;
        var count = new BlockingCall().ReadInto(
            new byte[4],
            () => Interlocked.Increment(ref ended),
            async (destination, _) =>
            {
                await Task.Yield();
                destination.Span.Fill(1);
                return 4;
            },
            Patience);

        Assert.Equal(4, count);
        Assert.Equal(1, Volatile.Read(ref ended));
    }

    [Fact(Timeout = 30_000)]
    public void A_failing_read_ends_once_and_its_error_reaches_the_caller()
    {
        var ended = 0;
        var thrown = Assert.Throws<IOException>(() => new BlockingCall().ReadInto(
            new byte[4],
            () => ended++,
            (_, _) => throw new IOException("disk gone"),
            Patience));

        Assert.Equal("disk gone", thrown.Message);
        Assert.Equal(1, ended);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_read_given_up_at_its_deadline_ends_only_when_it_really_completes()
    {
        using var finish = new SemaphoreSlim(0);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var memory = new byte[4];

        // A read that ignores its cancellation: until it completes it may still write into the memory.
        Assert.Throws<TimeoutException>(() => new BlockingCall(grace: Short).ReadInto(
            memory,
            () => ended.TrySetResult(),
            async (destination, _) =>
            {
                await finish.WaitAsync(Ct);
                destination.Span.Fill(9);
                return 4;
            },
            Short));

        Assert.False(ended.Task.IsCompleted, "the read's end was reported while it could still write");
        finish.Release();
        await ended.Task.WaitAsync(Patience, Ct);
        Assert.Equal(new byte[] { 9, 9, 9, 9 }, memory);
    }
}
