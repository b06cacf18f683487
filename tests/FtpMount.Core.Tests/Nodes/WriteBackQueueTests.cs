using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// The write-back queue on a fake clock, with its save step scripted by the test: when uploads start, how failures
/// are retried, and what a reopen, rename, unlink, unmount or refusal does to a file waiting or being sent. The cases
/// rclone's vfscache writeback tests cover (upload failing then succeeding, reopen, rename and cancel while pending
/// or uploading) are here as this queue has them.
/// </summary>
public sealed class WriteBackQueueTests : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static readonly WriteBackOptions Options = new()
    {
        Enabled = true,
        Delay = Delay,
        Parallelism = 3,
        AttemptTimeout = AttemptTimeout,
        MaxRetryPause = TimeSpan.FromSeconds(8),
    };

    private readonly string _root = Directory.CreateTempSubdirectory("ftpmount-writeback-unit-").FullName;
    private readonly SpoolFolder _folder;
    private readonly SpoolJournal _journal;
    private readonly FileNodeTable _nodes = new();
    private readonly TimerWatchingClock _clock = new();
    private readonly ScriptedWriteBackSteps _steps;
    private readonly DateTimeOffset _start;

    public WriteBackQueueTests()
    {
        _folder = SpoolFolder.Open(_root, "u@h:21/");
        _journal = new SpoolJournal(_folder, NullLogger.Instance);
        _steps = new ScriptedWriteBackSteps(_journal, _clock);
        _start = _clock.GetUtcNow();
    }

    private static RemotePath P(string path) => RemotePath.Parse(path);

    private WriteBackQueue NewQueue(WriteBackOptions? options = null) =>
        new(_nodes, _steps, _journal, options ?? Options, NullLogger.Instance, _clock);

    [Fact(Timeout = 30_000)]
    public async Task A_closed_file_is_uploaded_once_when_the_write_back_delay_has_passed_and_not_before()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "content");
        await _clock.WaitForTimerAsync(Delay);
        var waiting = Assert.Single(queue.Snapshot());
        Assert.Equal(UploadState.Waiting, waiting.State);
        Assert.Equal(_start + Delay, waiting.NextAttempt);

        _clock.Advance(Delay - Tick);
        Assert.Equal(0, _steps.Started);
        _clock.Advance(Tick);
        var attempt = await _steps.NextAttemptAsync();

        Assert.Equal(("/a", "content", _start + Delay, 0), (attempt.Path, attempt.Content, attempt.At, attempt.ChecksBefore));
        Assert.Equal(UploadState.Uploading, Assert.Single(queue.Snapshot()).State);
        attempt.Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _steps.Started);
        AssertLetGo(node);
        Assert.False(node.Dirty);
        Assert.Empty(_journal.Load());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_upload_that_fails_is_retried_with_growing_pauses_each_after_a_check_of_the_server_until_it_succeeds()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "content");
        await _clock.WaitForTimerAsync(Delay);
        _clock.Advance(Delay);
        (await _steps.NextAttemptAsync()).Fail(new IOException("connection reset"));
        await UntilAsync(() => queue.Failing == 1, "the file to count as failing");

        TimeSpan[] pauses = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8)];
        for (var i = 0; i < pauses.Length; i++)
        {
            await _clock.WaitForTimerAsync(pauses[i]);
            var waiting = Assert.Single(queue.Snapshot());
            var lastError = i == 0 ? "connection reset" : "552 quota exceeded";
            Assert.Equal((UploadState.Waiting, i + 1, lastError), (waiting.State, waiting.Failures, waiting.LastError));
            Assert.Equal(_clock.GetUtcNow() + pauses[i], waiting.NextAttempt);

            _clock.Advance(pauses[i] - Tick);
            Assert.Equal(i + 1, _steps.Started);
            _clock.Advance(Tick);
            var attempt = await _steps.NextAttemptAsync();
            Assert.Equal(i + 1, attempt.ChecksBefore);
            if (i < pauses.Length - 1)
            {
                attempt.Fail(new RemoteFsException(FsError.NoSpace, "552 quota exceeded"));
                await UntilAsync(() => queue.Snapshot() is [{ Failures: var f }] && f == i + 2, "the failure to be recorded");
            }
            else
            {
                attempt.Succeed();
            }
        }

        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(0, queue.Failing);
        Assert.Equal(pauses.Length + 1, _steps.Started);
        Assert.Empty(queue.Refused);
        AssertLetGo(node);
        Assert.False(node.Dirty);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_reopened_while_its_upload_waits_is_left_to_the_new_handle_whose_close_queues_it_again()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "first");
        await _clock.WaitForTimerAsync(Delay);

        var reopened = _nodes.Acquire(P("/a"), () => throw new InvalidOperationException("a second node for an open path"));
        Assert.Same(node, reopened);
        _clock.Advance(Delay);
        await UntilAsync(() => queue.Count == 0, "the queue to hand the file to its handle");
        Assert.Equal(0, _steps.Started);
        Assert.False(node.WriteBackQueued);
        Assert.Equal(1, node.OpenHandles);
        Assert.Same(node, _nodes.Find(P("/a")));

        await WriteAndReleaseAsync(queue, node, "second", expectQueued: true);
        await _clock.WaitForTimerAsync(Delay);
        _clock.Advance(Delay);
        var attempt = await _steps.NextAttemptAsync();
        Assert.Equal(("/a", "second"), (attempt.Path, attempt.Content));
        attempt.Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _steps.Started);
        AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_closed_again_while_its_upload_waits_keeps_one_queue_entry_which_sends_the_newest_content()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "first");
        await _clock.WaitForTimerAsync(Delay);

        _nodes.Acquire(P("/a"), () => throw new InvalidOperationException("a second node for an open path"));
        await WriteAndReleaseAsync(queue, node, "second", expectQueued: false);
        Assert.Equal(1, queue.Count);

        _clock.Advance(Delay);
        var attempt = await _steps.NextAttemptAsync();
        Assert.Equal("second", attempt.Content);
        attempt.Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _steps.Started);
        AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_whose_folder_is_renamed_while_its_upload_waits_is_uploaded_once_under_its_new_name()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/d/a", "content");
        await _clock.WaitForTimerAsync(Delay);

        _nodes.Move(P("/d"), P("/e"));
        Assert.Equal("/e/a", Assert.Single(queue.Snapshot()).Path);
        _clock.Advance(Delay);
        var attempt = await _steps.NextAttemptAsync();
        Assert.Equal(("/e/a", "content"), (attempt.Path, attempt.Content));
        attempt.Succeed();

        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _steps.Started);
        AssertLetGo(node);
        Assert.Null(_nodes.Find(P("/e/a")));
        Assert.Null(_nodes.Find(P("/d/a")));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_a_rename_saved_first_while_its_upload_waited_is_not_sent_again()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "content");
        await _clock.WaitForTimerAsync(Delay);

        // What rename(2) does to a file with unsaved content: save it under its gate, then move it.
        await node.Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            node.Uploaded(new RemoteEntry("a", EntryKind.File, 7, _clock.GetUtcNow(), null, null));
            _journal.Clear(node);
            _nodes.Move(P("/a"), P("/b"));
        }
        finally
        {
            node.Gate.Release();
        }

        _clock.Advance(Delay);
        await UntilAsync(() => queue.Count == 0, "the queue to let the saved file go");
        Assert.Equal(0, _steps.Started);
        AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task Unlinking_a_file_while_its_upload_waits_cancels_the_upload_and_removes_its_spool()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "content");
        var spool = node.Spool!.FilePath;
        await _clock.WaitForTimerAsync(Delay);

        await node.Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            _journal.Clear(node);
            node.Detached();
            _nodes.Detach(node);
        }
        finally
        {
            node.Gate.Release();
        }

        _clock.Advance(Delay);
        await UntilAsync(() => queue.Count == 0, "the queue to drop the unlinked file");
        Assert.Equal(0, _steps.Started);
        AssertLetGo(node);
        Assert.False(File.Exists(spool));
        Assert.Empty(_journal.Load());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unmount_starts_waiting_uploads_at_once_and_waits_for_them()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "content");
        await _clock.WaitForTimerAsync(Delay);

        var finish = queue.FinishAsync(TimeSpan.FromMinutes(5));
        var attempt = await _steps.NextAttemptAsync();
        Assert.Equal(_start, attempt.At);
        Assert.False(finish.IsCompleted);
        attempt.Succeed();

        await finish;
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _steps.Started);
        AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_upload_still_running_when_the_unmount_deadline_passes_is_cancelled_and_stays_journaled()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "precious");
        await _clock.WaitForTimerAsync(Delay);
        _clock.Advance(Delay);
        var attempt = await _steps.NextAttemptAsync();

        var deadline = TimeSpan.FromSeconds(30);
        var finish = queue.FinishAsync(deadline);
        await _clock.WaitForTimerAsync(deadline);
        _clock.Advance(deadline - Tick);
        Assert.False(finish.IsCompleted);
        Assert.False(attempt.Token.IsCancellationRequested);
        _clock.Advance(Tick);

        await finish;
        Assert.True(attempt.Token.IsCancellationRequested);
        await UntilAsync(() => queue.Count == 0, "the cancelled upload to leave the queue");
        Assert.Equal(1, _steps.Started);
        AssertLetGo(node);
        Assert.True(node.Dirty);
        AssertJournaled("/a", "precious");
    }

    [Fact(Timeout = 30_000)]
    public async Task An_upload_that_fails_during_the_unmount_is_not_retried_and_stays_journaled()
    {
        using var queue = NewQueue();
        await CloseAsync(queue, "/a", "precious");
        await _clock.WaitForTimerAsync(Delay);

        var finish = queue.FinishAsync(TimeSpan.FromMinutes(5));
        (await _steps.NextAttemptAsync()).Fail(new IOException("connection reset"));

        await finish;
        await UntilAsync(() => queue.Count == 0, "the failed upload to leave the queue");
        Assert.Equal(1, _steps.Started);
        AssertJournaled("/a", "precious");
    }

    [Fact(Timeout = 30_000)]
    public async Task Disposing_the_queue_while_an_upload_runs_cancels_it_and_the_file_stays_journaled()
    {
        var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "precious");
        await _clock.WaitForTimerAsync(Delay);
        _clock.Advance(Delay);
        var attempt = await _steps.NextAttemptAsync();

        queue.Dispose();

        await UntilAsync(() => queue.Count == 0, "the cancelled upload to end");
        Assert.True(attempt.Token.IsCancellationRequested);
        AssertLetGo(node);
        AssertJournaled("/a", "precious");
    }

    [Fact(Timeout = 30_000)]
    public async Task An_attempt_with_no_result_within_its_deadline_counts_as_failed_and_is_retried()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "content");
        await _clock.WaitForTimerAsync(Delay);
        _clock.Advance(Delay);
        var hanging = await _steps.NextAttemptAsync();

        _clock.Advance(AttemptTimeout - Tick);
        Assert.False(hanging.Token.IsCancellationRequested);
        _clock.Advance(Tick);
        Assert.True(hanging.Token.IsCancellationRequested);
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("no result within 60 s", Assert.Single(queue.Snapshot()).LastError);

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await _steps.NextAttemptAsync()).Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(2, _steps.Started);
        AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_kept_busy_past_the_attempt_deadline_is_tried_again_later()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "content");
        await _clock.WaitForTimerAsync(Delay);

        await node.Gate.WaitAsync(TestContext.Current.CancellationToken);
        _clock.Advance(Delay);
        await _clock.WaitForTimerAsync(AttemptTimeout);
        _clock.Advance(AttemptTimeout);
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("the file stayed busy for 60 s", Assert.Single(queue.Snapshot()).LastError);
        Assert.Equal(0, _steps.Started);
        node.Gate.Release();

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await _steps.NextAttemptAsync()).Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refusal_for_good_stops_the_attempts_and_is_reported_with_the_content_kept_for_later()
    {
        using var queue = NewQueue();
        var node = await CloseAsync(queue, "/a", "precious");
        await _clock.WaitForTimerAsync(Delay);
        _clock.Advance(Delay);

        (await _steps.NextAttemptAsync()).Fail(new RemoteFsException(FsError.AccessDenied, "553 not allowed"));

        await UntilAsync(() => queue.Count == 0, "the refused upload to leave the queue");
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, _steps.Started);
        Assert.Equal(0, queue.Failing);
        Assert.StartsWith("553 not allowed; its content is kept in ", queue.Refused["/a"], StringComparison.Ordinal);
        AssertLetGo(node);
        var entry = AssertJournaled("/a", "precious");
        Assert.Equal("553 not allowed", entry.Refused);
    }

    [Fact(Timeout = 30_000)]
    public async Task No_more_uploads_run_at_once_than_the_parallelism_allows()
    {
        using var queue = NewQueue(Options with { Parallelism = 2 });
        foreach (var name in new[] { "/a", "/b", "/c" })
        {
            await CloseAsync(queue, name, name);
            await _clock.WaitForTimerAsync(Delay);
        }

        _clock.Advance(Delay);
        var first = await _steps.NextAttemptAsync();
        var second = await _steps.NextAttemptAsync();
        await UntilAsync(() => queue.Snapshot().Count(s => s.State == UploadState.Queued) == 1, "the third upload to wait for a connection");
        Assert.Equal(2, _steps.Started);

        first.Succeed();
        var third = await _steps.NextAttemptAsync();
        second.Succeed();
        third.Succeed();
        await UntilAsync(() => queue.Count == 0, "every upload to leave the queue");
        Assert.Equal(3, _steps.Started);
        Assert.Equal(["/a", "/b", "/c"], new[] { first.Path, second.Path, third.Path }.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Nothing_clean_deleted_or_already_queued_is_taken_into_the_queue()
    {
        var queue = NewQueue();
        var clean = _nodes.Acquire(P("/clean"), () => new FileNode(P("/clean"), null));
        Assert.False(queue.TryEnqueue(clean));

        var deleted = _nodes.Acquire(P("/deleted"), () => new FileNode(P("/deleted"), null));
        deleted.Emptied(_journal.CreateSpool, _clock.GetUtcNow());
        deleted.Detached();
        Assert.False(queue.TryEnqueue(deleted));

        var dirty = await CloseAsync(queue, "/dirty", "x");
        Assert.False(queue.TryEnqueue(dirty));
        Assert.Equal(1, queue.Count);
        Assert.Equal(1, clean.OpenHandles);
        Assert.Equal(1, deleted.OpenHandles);
        deleted.CloseSpool();

        queue.Dispose();
        await UntilAsync(() => queue.Count == 0, "the stopped queue to let its file go");
    }

    /// <summary>What a program's write and close do with write-back on: the last release queues the node under its gate.</summary>
    private async Task<FileNode> CloseAsync(WriteBackQueue queue, string path, string content)
    {
        var node = _nodes.Acquire(P(path), () => new FileNode(P(path), null));
        node.Emptied(_journal.CreateSpool, _clock.GetUtcNow());
        await WriteAndReleaseAsync(queue, node, content, expectQueued: true);
        return node;
    }

    private async Task WriteAndReleaseAsync(WriteBackQueue queue, FileNode node, string content, bool expectQueued)
    {
        await node.Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            node.Spool!.SetLength(0);
            node.Spool.Write(System.Text.Encoding.UTF8.GetBytes(content), 0);
            node.Changed(_clock.GetUtcNow());
            Assert.Equal(expectQueued, queue.TryEnqueue(node));
            Assert.False(_nodes.Release(node));
        }
        finally
        {
            node.Gate.Release();
        }
    }

    private void AssertLetGo(FileNode node)
    {
        Assert.False(node.WriteBackQueued);
        Assert.Equal(0, node.OpenHandles);
        Assert.Null(node.Spool);
        Assert.Null(_nodes.Find(node.Path));
    }

    private JournalEntry AssertJournaled(string path, string content)
    {
        var entry = Assert.Single(new SpoolJournal(_folder, NullLogger.Instance).Load());
        Assert.Equal(path, entry.Path.Value);
        Assert.Equal(content, File.ReadAllText(_folder.PathOf(entry.SpoolName)));
        return entry;
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"waited 20 s for {what}");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose()
    {
        _folder.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
