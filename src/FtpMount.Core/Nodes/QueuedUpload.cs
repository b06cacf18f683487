namespace FtpMount.Core.Nodes;

/// <summary>
/// One file in the <see cref="WriteBackQueue"/>: its upload task's progress through waits, attempts and failures,
/// read by status reports while the task moves it along. Only the task writes; the lock keeps a report consistent.
/// </summary>
internal sealed class QueuedUpload(FileNode node)
{
    private readonly Lock _lock = new();

    // Guarded by _lock.
    private UploadState _state = UploadState.Waiting;
    private int _failures;
    private DateTimeOffset? _nextAttempt;
    private string? _lastError;

    public FileNode Node { get; } = node;

    /// <summary>The queue has given up its handle count on <see cref="Node"/> (once, by the task).</summary>
    public bool LetGo { get; set; }

    public void WaitUntil(DateTimeOffset start)
    {
        lock (_lock)
        {
            _state = UploadState.Waiting;
            _nextAttempt = start;
        }
    }

    public void Due() => Set(UploadState.Queued);

    public void Sending() => Set(UploadState.Uploading);

    public void Failed(string error)
    {
        lock (_lock)
        {
            _failures++;
            _lastError = error;
        }
    }

    public UploadStatus Snapshot()
    {
        lock (_lock)
        {
            return new UploadStatus(
                Node.Path.Value, _state, Node.Size, _failures, _state == UploadState.Waiting ? _nextAttempt : null, _lastError);
        }
    }

    private void Set(UploadState state)
    {
        lock (_lock)
        {
            _state = state;
            _nextAttempt = null;
        }
    }
}
