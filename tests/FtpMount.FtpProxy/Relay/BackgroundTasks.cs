namespace FtpMount.FtpProxy.Relay;

/// <summary>Every task the proxy starts, so disposal can wait for all of them and refuse new ones.</summary>
internal sealed class BackgroundTasks
{
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];
    private bool _closed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Starts <paramref name="work"/> unless closed; the caller still owns its resources when this returns false.</summary>
    public bool TryRun(Func<Task> work)
    {
        Task task;
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            task = Task.Run(work);
            _running.Add(task);
        }

        // Registered after Add and removing under the same lock, so a task that finished early is still removed.
        _ = task.ContinueWith(
            Forget, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return true;
    }

    /// <summary>Refuses new work and waits until everything started has finished.</summary>
    public async Task CloseAndWaitAsync()
    {
        while (true)
        {
            Task[] snapshot;
            lock (_lock)
            {
                _closed = true;
                if (_running.Count == 0)
                {
                    return;
                }

                snapshot = [.. _running];
            }

            // The tasks handle their own failures; any that escapes is a bug worth surfacing here.
            await Task.WhenAll(snapshot).ConfigureAwait(false);
            lock (_lock)
            {
                foreach (var task in snapshot)
                {
                    _running.Remove(task);
                }
            }
        }
    }

    private static void Forget(Task task, object? state)
    {
        var owner = (BackgroundTasks)state!;
        lock (owner._lock)
        {
            owner._running.Remove(task);
        }
    }
}
