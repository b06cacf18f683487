using FtpMount.Core.Bridging;
using FtpMount.Testing.Threading;

namespace FtpMount.Core.Tests.Bridging;

public sealed class BlockingCallTests
{
    // Only a bound against hanging: on a loaded machine whose thread pool is busy with blocked callbacks, the late
    // result can take many seconds to be handed over; what the tests assert is that it is handed over at all.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // A call that waits on a gate only the test opens is given up on at once; how fast the machine is changes nothing.
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public void A_call_within_its_deadline_returns_its_result()
    {
        var released = 0;
        Assert.Equal(42, new BlockingCall().Run(async ct => { await Task.Yield(); return 42; }, Patience, _ => released++));
        Assert.Equal(0, released);
    }

    [Fact(Timeout = 30_000)]
    public void A_call_is_cancelled_at_its_deadline()
    {
        var cancelled = Assert.ThrowsAny<OperationCanceledException>(
            () => new BlockingCall().Run(async ct => { await Task.Delay(Timeout.Infinite, ct); return 1; }, TimeSpan.FromMilliseconds(50)));
        Assert.NotNull(cancelled);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_result_that_arrives_after_the_caller_stopped_waiting_is_handed_over_to_be_released()
    {
        using var finish = new SemaphoreSlim(0);
        var released = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        // An operation that ignores its cancellation (as a create stuck in a call that cannot be cancelled would).
        Assert.Throws<TimeoutException>(() => new BlockingCall(grace: Short).Run(
            async _ =>
            {
                await finish.WaitAsync(Ct);
                return "opened late";
            },
            Short,
            late => released.TrySetResult(late)));

        finish.Release();
        Assert.Equal("opened late", await released.Task.WaitAsync(Patience, Ct));
    }

    [Fact(Timeout = 30_000)]
    public void A_call_that_starts_only_after_the_caller_gave_up_still_sees_its_cancellation_and_hands_its_result_over()
    {
        var starved = new HeldTaskScheduler();
        var bridge = new BlockingCall(grace: Short, scheduler: starved);
        string? handedOver = null;
        var sawCancellation = false;

        Assert.Throws<TimeoutException>(() => bridge.Run(
            ct =>
            {
                sawCancellation = ct.IsCancellationRequested;
                return Task.FromResult("opened late");
            },
            Short,
            late => handedOver = late));
        Assert.Equal(1, starved.QueuedCount);

        // The call starts now, after Run disposed its cancellation source.
        starved.RunQueued();

        Assert.True(sawCancellation, "the late call did not see that its deadline had passed");
        Assert.Equal("opened late", handedOver);
    }

    [Fact(Timeout = 30_000)]
    public void A_call_is_not_cancelled_while_something_counted_as_progress_happens()
    {
        var looks = 0;
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bridge = new BlockingCall(
            quietFor: _ =>
            {
                // Every look finds fresh progress; after a few looks past the timeout the call may end.
                if (Interlocked.Increment(ref looks) == 4)
                {
                    finish.TrySetResult();
                }

                return TimeSpan.Zero;
            },
            grace: Short);

        var cancelled = bridge.Run(
            async ct =>
            {
                await finish.Task.WaitAsync(Patience, Ct);
                return ct.IsCancellationRequested;
            },
            Short);

        Assert.False(cancelled);
        Assert.True(looks >= 4);
    }

    [Fact(Timeout = 30_000)]
    public void A_call_that_ends_just_as_the_wait_for_it_times_out_is_answered_with_its_result()
    {
        var call = new TaskCompletionSource<int>();
        using var started = new ManualResetEventSlim();
        var bridge = new BlockingCall(
            quietFor: _ =>
            {
                // Progress all along: the call is never cancelled, the bridge only looks again.
                started.Wait(Ct);
                return TimeSpan.Zero;
            },
            time: new TimeoutThenFinish(call, 7));

        var answer = bridge.Run(
            _ =>
            {
                started.Set();
                return call.Task;
            },
            Patience);

        Assert.Equal(7, answer);
    }

    [Fact(Timeout = 30_000)]
    public void A_read_copies_what_the_call_read_and_returns_its_buffer()
    {
        var pool = new CountingArrayPool();
        var destination = new byte[8];

        var read = new BlockingCall(pool: pool).Read(
            destination,
            (memory, _) =>
            {
                "abc"u8.CopyTo(memory.Span);
                return Task.FromResult(3);
            },
            Patience);

        Assert.Equal(3, read);
        Assert.Equal("abc\0\0\0\0\0"u8.ToArray(), destination);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_read_given_up_at_its_deadline_cannot_write_into_the_buffer_of_the_next_read()
    {
        var pool = new CountingArrayPool();
        var bridge = new BlockingCall(grace: Short, pool: pool);
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first read ignores its cancellation and fills its buffer only after the callback answered without it.
        Assert.Throws<TimeoutException>(() => bridge.Read(
            new byte[16],
            async (memory, _) =>
            {
                await late.Task.WaitAsync(Patience, Ct);
                memory.Span.Fill(0xAA);
                lateWritten.TrySetResult();
                return memory.Length;
            },
            Short));

        // The next read fills its own buffer, lets the first one finish and answers after its late write.
        var second = new byte[16];
        var read = bridge.Read(
            second,
            async (memory, _) =>
            {
                memory.Span.Fill(0x55);
                late.TrySetResult();
                await lateWritten.Task.WaitAsync(Patience, Ct);
                return memory.Length;
            },
            Patience);

        Assert.Equal(16, read);
        Assert.All(second, b => Assert.Equal(0x55, b));

        // The late completion, not the callback, gave the abandoned buffer back: it is not lost to the pool either.
        await pool.AllReturnedAsync(Patience, Ct);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_write_given_up_at_its_deadline_still_sends_its_own_bytes_not_the_next_writes()
    {
        var pool = new CountingArrayPool();
        var bridge = new BlockingCall(grace: Short, pool: pool);
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateSent = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);

        Assert.Throws<TimeoutException>(() => bridge.Write(
            Enumerable.Repeat((byte)0x11, 16).ToArray(),
            async (data, _) =>
            {
                await late.Task.WaitAsync(Patience, Ct);
                lateSent.TrySetResult(data.ToArray());
                return data.Length;
            },
            Short));

        var written = bridge.Write(
            Enumerable.Repeat((byte)0x22, 16).ToArray(),
            async (data, _) =>
            {
                late.TrySetResult();
                await lateSent.Task.WaitAsync(Patience, Ct);
                return data.Length;
            },
            Patience);

        Assert.Equal(16, written);
        Assert.All(await lateSent.Task.WaitAsync(Patience, Ct), b => Assert.Equal(0x11, b));

        // The late completion, not the callback, gave the abandoned buffer back: it is not lost to the pool either.
        await pool.AllReturnedAsync(Patience, Ct);
    }
}
