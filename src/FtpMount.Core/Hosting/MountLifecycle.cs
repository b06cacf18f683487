namespace FtpMount.Core.Hosting;

/// <summary>
/// The run-once life of a mount host (FUSE's and Dokan's): mounted at most once, served on one dedicated thread,
/// asked to stop at most once, its end reported once, disposal waiting a bounded time. The host supplies the steps:
/// <c>mount</c> mounts and answers how to serve; <c>requestStop</c> asks serving to end. The serving thread calls
/// <see cref="Ended"/> as soon as serving stopped, whatever the reason, then releases what it holds and calls
/// <see cref="Finish"/>. Signals reach a host as the cancellation of <see cref="RunAsync"/>'s token (the CLI's
/// StopSignals), which is the same request as <see cref="Stop"/>.
/// </summary>
/// <param name="host">The host's name, for the error of a second run.</param>
/// <param name="serviceThread">The serving thread's name.</param>
/// <param name="mount">Mounts and answers what the serving thread runs; throws when the mount failed (then nothing is left to release).</param>
/// <param name="requestStop">
/// Called once, under the lifecycle's lock, while the mount is served: the serving thread has not called
/// <see cref="Ended"/> yet, so whatever it releases after that is still there. It must not block.
/// </param>
/// <param name="afterStop">Called once right after <paramref name="requestStop"/>, outside the lock: to wake the serving thread.</param>
public sealed class MountLifecycle(string host, string serviceThread, Func<ThreadStart> mount, Action requestStop, Action? afterStop = null)
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private State _state;

    private enum State
    {
        Created,
        Running,
        Stopping,
        Stopped,
    }

    /// <summary>
    /// Mounts, starts the serving thread and returns a task that completes when the mount ended, faulted if the mount failed or
    /// serving failed. Cancelling <paramref name="cancellationToken"/> stops. A second call throws.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        lock (_gate)
        {
            if (_state != State.Created)
            {
                throw new InvalidOperationException($"A {host} mounts only once.");
            }

            _state = State.Running;
        }

        ThreadStart serve;
        try
        {
            serve = mount();
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                _state = State.Stopped;
            }

            _stopped.TrySetException(exception);
            return _stopped.Task;
        }

        new Thread(serve) { IsBackground = true, Name = serviceThread }.UnsafeStart();
        return WaitForStopAsync(cancellationToken);
    }

    /// <summary>
    /// Asks a running mount to stop; returns at once. Safe at any time, from any thread, more than once.
    /// </summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_state != State.Running)
            {
                return;
            }

            _state = State.Stopping;
            requestStop();
        }

        afterStop?.Invoke();
    }

    /// <summary>
    /// Runs <paramref name="action"/> under the lock while the mount is served (so the serving thread cannot release
    /// what it uses meanwhile), else answers <paramref name="otherwise"/>.
    /// </summary>
    public T WhileServed<T>(Func<T> action, T otherwise)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            return _state is State.Running ? action() : otherwise;
        }
    }

    /// <summary>Called by the serving thread once serving stopped, before it releases anything.</summary>
    /// <returns>Whether a stop had been asked for (else the mount went away by itself).</returns>
    public bool Ended()
    {
        lock (_gate)
        {
            var requested = _state == State.Stopping;
            _state = State.Stopped;
            return requested;
        }
    }

    /// <summary>Called by the serving thread last: <see cref="RunAsync"/>'s task completes, faulted with <paramref name="failure"/> if any.</summary>
    public void Finish(Exception? failure)
    {
        if (failure is null)
        {
            _stopped.TrySetResult();
        }
        else
        {
            _stopped.TrySetException(failure);
        }
    }

    /// <summary>
    /// Stops and waits up to <paramref name="timeout"/> for the end. Never throws what serving threw: that was
    /// surfaced through <see cref="RunAsync"/>'s task.
    /// </summary>
    /// <returns>False only when a mount that was started had not ended within <paramref name="timeout"/>.</returns>
    public async ValueTask<bool> StopAndWaitAsync(TimeSpan timeout)
    {
        Stop();
        lock (_gate)
        {
            if (_state == State.Created)
            {
                return true;
            }
        }

        try
        {
            await _stopped.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            // Surfaced through RunAsync's task already.
        }

        return true;
    }

    private async Task WaitForStopAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(static lifecycle => ((MountLifecycle)lifecycle!).Stop(), this);
        await _stopped.Task.ConfigureAwait(false);
    }
}
