using FtpMount.Core.Errors;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Uploads closed files in the background (write-back). A queued node keeps one handle count, so until its upload
/// is done it stays in the node table: getattr, listings and reopens see the local content, rename and fsync
/// upload it first, unlink cancels it. A refused upload is retried with growing pauses while the mount runs and
/// stays journaled when it stops, so the next mount sends it; nothing a program closed is dropped.
/// </summary>
internal sealed class WriteBackQueue(FileNodeTable nodes, FileContent content, WriteBackOptions options, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Parallelism));
    private readonly CancellationTokenSource _hurry = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];
    private int _failing;

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

    /// <summary>
    /// Takes over a node whose last handle is being released with unsaved content. The caller holds the node's gate;
    /// false means the node is queued already (its queue entry will see the new content).
    /// </summary>
    public bool TryEnqueue(FileNode node)
    {
        if (node.WriteBackQueued || !node.Dirty || node.Deleted)
        {
            return false;
        }

        node.WriteBackQueued = true;
        nodes.Retain(node);
        if (!node.Journaled)
        {
            SpoolJournal.Record(node);
        }

        lock (_lock)
        {
            var upload = Task.Run(() => RunAsync(node));
            _running.Add(upload);
            _ = upload.ContinueWith(Forget, TaskScheduler.Default);
        }

        return true;
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
            running = [.. _running];
        }

        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(deadline)).ConfigureAwait(false) != all)
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

    private async Task RunAsync(FileNode node)
    {
        var pause = options.Delay;
        var failed = false;
        try
        {
            while (true)
            {
                await PauseAsync(pause).ConfigureAwait(false);
                await _slots.WaitAsync(_abort.Token).ConfigureAwait(false);
                bool done;
                try
                {
                    done = await TryUploadAsync(node).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }

                if (done)
                {
                    break;
                }

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

            if (nodes.Release(node))
            {
                node.CloseSpool();
            }
        }
    }

    /// <summary>One attempt; true when nothing is left to do for this queue entry.</summary>
    private async Task<bool> TryUploadAsync(FileNode node)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        deadline.CancelAfter(options.AttemptTimeout);
        try
        {
            await node.Gate.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            // Reopened meanwhile: the handle's own last release queues the node again with whatever it then holds.
            if (node.Deleted || !node.Dirty || node.OpenHandles > 1)
            {
                node.WriteBackQueued = false;
                return true;
            }

            await content.SaveAsync(node, deadline.Token).ConfigureAwait(false);
            node.WriteBackQueued = false;
            return true;
        }
        catch (Exception e) when (e is RemoteFsException or IOException)
        {
            FsLog.WriteBackFailed(logger, node.Path.Value, e.Message);
            return false;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            FsLog.WriteBackFailed(logger, node.Path.Value, $"no result within {options.AttemptTimeout.TotalSeconds:0} s");
            return false;
        }
        finally
        {
            node.Gate.Release();
        }
    }

    private async Task PauseAsync(TimeSpan pause)
    {
        if (pause <= TimeSpan.Zero || _hurry.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await Task.Delay(pause, _hurry.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_hurry.IsCancellationRequested)
        {
            // Unmounting: upload now.
        }
    }

    public void Dispose()
    {
        _hurry.Dispose();
        _abort.Dispose();
        _slots.Dispose();
    }
}
