namespace FtpMount.Testing.Threading;

/// <summary>
/// A scheduler that starts nothing until <see cref="RunQueued"/>: a thread pool so starved that work queued now
/// starts only after its caller has given up on it.
/// </summary>
public sealed class HeldTaskScheduler : TaskScheduler
{
    private readonly Lock _gate = new();
    private readonly Queue<Task> _queued = new();

    public int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>Runs everything queued so far on the calling thread.</summary>
    public void RunQueued()
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (!_queued.TryDequeue(out next!))
                {
                    return;
                }
            }

            TryExecuteTask(next);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_gate)
        {
            _queued.Enqueue(task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate)
        {
            return [.. _queued];
        }
    }
}
