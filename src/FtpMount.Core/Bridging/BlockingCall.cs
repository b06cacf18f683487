using System.Buffers;

namespace FtpMount.Core.Bridging;

/// <summary>
/// The one bridge from an OS adapter's blocking callback (libfuse's and Dokan's worker threads) to the async core.
/// Each call runs on the thread pool under a deadline: once the call and whatever <c>quietFor</c> counts as progress
/// have been quiet for the timeout, its token is cancelled; a call that still has not ended after <see cref="Grace"/>
/// is given up with a <see cref="TimeoutException"/>, so no callback can hang. A call given up on keeps running; what
/// it still holds (a pooled buffer, an opened file) is released when it really completes, never by the callback.
/// </summary>
public sealed class BlockingCall
{
    /// <summary>How long past its deadline a cancelled call is still waited for before the callback answers without it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly Func<long, TimeSpan> _quietFor;
    private readonly TimeSpan _grace;
    private readonly ArrayPool<byte> _pool;
    private readonly TimeProvider _time;
    private readonly TaskScheduler _scheduler;

    /// <param name="quietFor">
    /// How long nothing counted as progress happened since a timestamp of <paramref name="time"/>: the FUSE adapter
    /// counts any traffic of the mount, so time queued behind requests that move is never held against a call.
    /// Null: every moment counts, the deadline is the timeout after the start (the Dokan driver's own deadline
    /// allows no more).
    /// </param>
    /// <param name="grace">Null: <see cref="Grace"/>.</param>
    /// <param name="pool">Null: <see cref="ArrayPool{T}.Shared"/>.</param>
    /// <param name="scheduler">Where calls start; null: the thread pool. The tests' seam for a starved pool.</param>
    public BlockingCall(
        Func<long, TimeSpan>? quietFor = null,
        TimeSpan? grace = null,
        ArrayPool<byte>? pool = null,
        TimeProvider? time = null,
        TaskScheduler? scheduler = null)
    {
        _time = time ?? TimeProvider.System;
        _quietFor = quietFor ?? _time.GetElapsedTime;
        _grace = grace ?? Grace;
        _pool = pool ?? ArrayPool<byte>.Shared;
        _scheduler = scheduler ?? TaskScheduler.Default;
    }

    /// <param name="abandoned">
    /// Receives the result of a call that completed after the callback gave up on it. The callback has answered with
    /// a failure, so nobody else will release what the result holds, such as an open file.
    /// </param>
    public T Run<T>(Func<CancellationToken, Task<T>> action, TimeSpan timeout, Action<T>? abandoned = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = _time.GetTimestamp();
        using var cancel = new CancellationTokenSource();

        // The token is taken now, not inside the call: on a starved thread pool the call may start after Run gave
        // up and disposed the source, and reading its Token then throws, so the result would never reach abandoned.
        // It is not the start's token either: a call that starts after the deadline still runs, sees the cancelled
        // token and ends itself, so its result can always be handed over.
        var token = cancel.Token;
        var call = Task.Factory.StartNew(() => action(token), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
        try
        {
            return Wait(call, cancel, started, timeout);
        }
        catch (TimeoutException) when (abandoned is not null)
        {
            // Registered after the wait gave up, so a call finishing at that very moment is handed over all the same.
            call.ContinueWith(
                static (finished, state) =>
                {
                    if (finished.IsCompletedSuccessfully)
                    {
                        ((Action<T>)state!)(finished.Result);
                    }
                },
                abandoned,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            throw;
        }
    }

    public void Run(Func<CancellationToken, Task> action, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run(
            async ct =>
            {
                await action(ct).ConfigureAwait(false);
                return true;
            },
            timeout);
    }

    /// <summary>
    /// Reads through a pooled buffer of <paramref name="destination"/>'s length (a span cannot cross an await) and
    /// copies what <paramref name="read"/> says it read.
    /// </summary>
    /// <returns>The count <paramref name="read"/> returned, copied into <paramref name="destination"/>.</returns>
    public int Read(Span<byte> destination, Func<Memory<byte>, CancellationToken, Task<int>> read, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(read);
        var buffer = new PooledBuffer(_pool, destination.Length);
        try
        {
            var count = RunHolding(buffer, ct => read(buffer.Memory, ct), timeout);
            buffer.Span[..count].CopyTo(destination);
            return count;
        }
        finally
        {
            buffer.Release();
        }
    }

    /// <summary>
    /// Reads straight into <paramref name="destination"/>, memory that outlives this callback (an OS adapter's own
    /// reply buffer), so nothing is copied on the way out. The call starts on the calling thread, not after a hop to
    /// the thread pool: a read served from memory or local disk completes before the first await and is answered
    /// without any thread switch; one that waits for the network is waited for as <see cref="Run{T}"/> does.
    /// <paramref name="callEnded"/> runs exactly once, when the call has really completed (however late, after a
    /// deadline the callback gave up at, or after a failure): until then the call may still write into the memory.
    /// </summary>
    /// <returns>The count <paramref name="read"/> returned.</returns>
    public int ReadInto(Memory<byte> destination, Action callEnded, Func<Memory<byte>, CancellationToken, Task<int>> read, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(callEnded);
        ArgumentNullException.ThrowIfNull(read);
        var started = _time.GetTimestamp();
        using var cancel = new CancellationTokenSource();
        var call = ReadHoldingAsync(destination, callEnded, read, cancel.Token);
        return call.IsCompleted ? call.GetAwaiter().GetResult() : Wait(call, cancel, started, timeout);
    }

    private static async Task<int> ReadHoldingAsync(
        Memory<byte> destination, Action callEnded, Func<Memory<byte>, CancellationToken, Task<int>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read(destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            callEnded();
        }
    }

    /// <summary>Writes <paramref name="source"/> through a pooled copy of it (a span cannot cross an await).</summary>
    public T Write<T>(ReadOnlySpan<byte> source, Func<ReadOnlyMemory<byte>, CancellationToken, Task<T>> write, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new PooledBuffer(_pool, source.Length);
        try
        {
            source.CopyTo(buffer.Span);
            return RunHolding(buffer, ct => write(buffer.Memory, ct), timeout);
        }
        finally
        {
            buffer.Release();
        }
    }

    /// <summary>Runs a call that holds <paramref name="buffer"/>; its hold ends when it completes, however late.</summary>
    private T RunHolding<T>(PooledBuffer buffer, Func<CancellationToken, Task<T>> action, TimeSpan timeout) =>
        Run(
            async ct =>
            {
                try
                {
                    return await action(ct).ConfigureAwait(false);
                }
                finally
                {
                    buffer.Release();
                }
            },
            timeout);

    private T Wait<T>(Task<T> call, CancellationTokenSource cancel, long started, TimeSpan timeout)
    {
        while (true)
        {
            var left = timeout - _quietFor(started);
            if (left <= TimeSpan.Zero)
            {
                cancel.Cancel();
                return call.WaitAsync(_grace, _time).GetAwaiter().GetResult();
            }

            try
            {
                return call.WaitAsync(left, _time).GetAwaiter().GetResult();
            }
            catch (TimeoutException) when (call.IsCompleted)
            {
                // The call ended between the wait's timeout and this look: its own outcome is the answer.
                return call.GetAwaiter().GetResult();
            }
            catch (TimeoutException)
            {
                // Look again: something counted as progress may have happened meanwhile.
            }
        }
    }
}
