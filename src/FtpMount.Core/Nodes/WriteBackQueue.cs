using FtpMount.Core.Errors;
using FtpMount.Core.Spool;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Uploads closed files in the background, with the one retry policy of the mount: growing pauses between
/// attempts, up to <see cref="WriteBackOptions.MaxRetryPause"/>. It takes closed files with write-back on, saves that
/// close() or a mount-time replay could not complete (with write-back off too), and pending uploads of an earlier run.
/// A queued node keeps one handle count, so until its upload is done it stays in the node table: getattr, listings
/// and reopens see the local content, rename and fsync upload it first, unlink cancels it. A refused upload is
/// retried while the mount runs and stays journaled when it stops, so the next mount sends it; nothing a program
/// closed is dropped. Retries compare the server's file with the one the content was based on first
/// (<see cref="ConflictGuard"/>), and stop when the server refuses the name for good (reported in status).
/// Its pauses and deadlines run on <paramref name="time"/> (the system clock unless a test gives its own).
/// </summary>
internal sealed class WriteBackQueue(
    FileNodeTable nodes, IWriteBackSteps steps, SpoolJournal journal, WriteBackOptions options, ILogger logger, TimeProvider? time = null)
    : IDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Parallelism));
    private readonly CancellationTokenSource _hurry = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<Task, QueuedUpload> _running = [];
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private int _failing;

    private enum Outcome
    {
        Done,
        Failed,
        Refused,
    }

    /// <summary>Queued or uploading files.</summary>
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

    /// <summary>Files whose last upload attempt failed and that wait for the next one.</summary>
    public int Failing => Volatile.Read(ref _failing);

    /// <summary>Each queued or uploading file: its state, failed attempts and the next attempt's time.</summary>
    public IReadOnlyList<UploadStatus> Snapshot()
    {
        QueuedUpload[] queued;
        lock (_lock)
        {
            queued = [.. _running.Values];
        }

        var snapshot = new UploadStatus[queued.Length];
        for (var i = 0; i < queued.Length; i++)
        {
            snapshot[i] = queued[i].Snapshot();
        }

        return snapshot;
    }

    /// <summary>Paths the server refused for good while this mount runs, with the reason; their content stays journaled.</summary>
    public IReadOnlyDictionary<string, string> Refused
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_refused, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Takes over a node whose last handle is being released with unsaved content. The caller holds the node's gate;
    /// false means the node is queued already (its queue entry will see the new content). <paramref name="retry"/>
    /// says a save of this content already failed: the first attempt waits a pause and checks the server first.
    /// </summary>
    public bool TryEnqueue(FileNode node, bool retry = false)
    {
        if (node.WriteBackQueued || !node.Dirty || node.Deleted)
        {
            return false;
        }

        // Journaled before the queue owns it; a journal the disk refuses (full) still leaves the upload queued.
        if (!node.Journaled)
        {
            steps.TryRecord(node);
        }

        node.WriteBackTookOver();
        nodes.Retain(node);
        lock (_lock)
        {
            _refused.Remove(node.Path.Value);
            var queued = new QueuedUpload(node);
            var upload = Task.Run(() => RunAsync(queued, retry));
            _running.Add(upload, queued);
            _ = upload.ContinueWith(Forget, TaskScheduler.Default);
        }

        return true;
    }

    /// <summary>
    /// The server refused the node's content for good: no more attempts, by this mount or a later one. The content
    /// stays in the spool folder, its journal entry marked refused; status lists it until a save, rename or delete of
    /// the path through the mount supersedes it. The caller holds the node's gate.
    /// </summary>
    public void Refuse(FileNode node, RemoteFsException refusal)
    {
        FsLog.UploadRefused(logger, node.Path.Value, refusal.Message);
        var kept = node.Spool?.FilePath;
        if (node.Spool is not null && !node.Deleted)
        {
            try
            {
                journal.Record(node, refusal.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                FsLog.NotJournaled(logger, node.Path.Value, e.Message);
            }
        }

        RecordRefusal(node.Path.Value, refusal.Message, kept);
    }

    /// <summary>A refusal recorded by an earlier mount: reported in status, never sent again.</summary>
    public void RecordRefusal(string path, string reason, string? keptIn)
    {
        lock (_lock)
        {
            _refused[path] = keptIn is null ? reason : $"{reason}; its content is kept in {keptIn}";
        }
    }

    /// <summary>
    /// Unmount: starts every waiting upload now and waits until all are done, or the deadline passes; what is still
    /// not on the server then stays journaled in the spool folder for the next mount.
    /// </summary>
    public async Task FinishAsync(TimeSpan deadline)
    {
        await _hurry.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_lock)
        {
            running = [.. _running.Keys];
        }

        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(deadline, _time)).ConfigureAwait(false) != all)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(false);
        }
    }

    private void Forget(Task upload)
    {
        lock (_lock)
        {
            _running.Remove(upload);
        }
    }

    private async Task RunAsync(QueuedUpload queued, bool retry)
    {
        var node = queued.Node;
        var pause = retry ? TimeSpan.FromSeconds(1) : options.Delay;
        var failed = false;
        try
        {
            while (true)
            {
                // A streaming STOR already holds a connection and the server a temporary file: end it now rather
                // than after the write-back delay and a free slot (a closed file's STOR stayed open until then).
                var streaming = !retry && node.Streaming is not null;
                if (!streaming)
                {
                    queued.WaitUntil(_time.GetUtcNow() + pause);
                    await PauseAsync(pause).ConfigureAwait(false);
                    queued.Due();
                    await _slots.WaitAsync(_abort.Token).ConfigureAwait(false);
                }

                Outcome outcome;
                try
                {
                    queued.Sending();
                    outcome = await TryUploadAsync(queued, retry).ConfigureAwait(false);
                }
                finally
                {
                    if (!streaming)
                    {
                        _slots.Release();
                    }
                }

                if (outcome == Outcome.Done || outcome == Outcome.Refused)
                {
                    break;
                }

                retry = true;
                if (!failed)
                {
                    failed = true;
                    Interlocked.Increment(ref _failing);
                }

                if (_hurry.IsCancellationRequested)
                {
                    // Stopping: one last attempt was made; the journal keeps the file for the next mount.
                    break;
                }

                pause = pause < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, options.MaxRetryPause.Ticks));
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // The unmount deadline passed before this file got its turn; it stays journaled.
        }
        finally
        {
            if (failed)
            {
                Interlocked.Decrement(ref _failing);
            }

            if (!queued.LetGo)
            {
                // Stopping (or an unexpected error): no gate is waited for any more; the journal keeps the file.
                LetGo(queued);
            }
        }
    }

    /// <summary>
    /// The queue gives up its handle count and its claim on the node together, under the node's gate when an attempt
    /// ends: a handle's release decides under the gate too whether it is the last one and must queue the node again,
    /// so it never sees the count of a queue entry that has already finished.
    /// </summary>
    private void LetGo(QueuedUpload queued)
    {
        var node = queued.Node;
        queued.LetGo = true;
        node.WriteBackLetGo();
        if (nodes.Release(node))
        {
            node.CloseSpool();
        }
    }

    /// <summary>One attempt.</summary>
    private async Task<Outcome> TryUploadAsync(QueuedUpload queued, bool retry)
    {
        var node = queued.Node;
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, timeout.Token);
        try
        {
            await node.Gate.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            queued.Failed($"the file stayed busy for {options.AttemptTimeout.TotalSeconds:0} s");
            return Outcome.Failed;
        }

        try
        {
            // Reopened meanwhile: the handle's own last release saves or queues the node again with what it then holds.
            // The count is exact here: a closing handle drops its own under the gate (RemoteFileSystem.ReleaseHandleAsync),
            // so one more than the queue's means a handle still open, whose release will see the node unqueued.
            if (node.Deleted || !node.Dirty || node.OpenHandles > 1)
            {
                LetGo(queued);
                return Outcome.Done;
            }

            if (retry)
            {
                await steps.CheckAsync(node, deadline.Token).ConfigureAwait(false);
            }

            await steps.SaveAsync(node, deadline.Token).ConfigureAwait(false);
            LetGo(queued);
            return Outcome.Done;
        }
        catch (RemoteFsException e) when (IsPermanent(e.Error))
        {
            Refuse(node, e);
            LetGo(queued);
            return Outcome.Refused;
        }
        catch (Exception e) when (e is RemoteFsException or IOException)
        {
            FsLog.WriteBackFailed(logger, node.Path.Value, e.Message);
            queued.Failed(e.Message);
            return Outcome.Failed;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var message = $"no result within {options.AttemptTimeout.TotalSeconds:0} s";
            FsLog.WriteBackFailed(logger, node.Path.Value, message);
            queued.Failed(message);
            return Outcome.Failed;
        }
        finally
        {
            node.Gate.Release();
        }
    }

    /// <summary>
    /// Answers that say "never under this name" rather than "not now": retrying them only repeats the refusal.
    /// Out of space, busy, lost connections and deadlines are worth another attempt.
    /// </summary>
    public static bool IsPermanent(FsError error) => error is FsError.InvalidName or FsError.NameTooLong or FsError.AccessDenied
        or FsError.ReadOnly or FsError.IsDirectory or FsError.NotDirectory or FsError.NotFound or FsError.NotSupported;

    private async Task PauseAsync(TimeSpan pause)
    {
        if (pause <= TimeSpan.Zero || _hurry.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await Task.Delay(pause, _time, _hurry.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_hurry.IsCancellationRequested)
        {
            // Unmounting: upload now.
        }
    }

    /// <summary>
    /// Stops every upload task (their nodes stay journaled). The token sources and the semaphore are left to the
    /// collector: a task still unwinding may touch them, and they hold no unmanaged resource once cancelled.
    /// </summary>
    public void Dispose()
    {
        _hurry.Cancel();
        _abort.Cancel();
    }
}
