using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Nodes;

using static FtpMount.Core.Tests.Nodes.WriteBackQueueSetup;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// When the write-back queue starts uploads and how it retries them, and what a reopen, rename, unlink or refusal
/// does to a file waiting or being sent. The cases rclone's vfscache writeback tests cover (upload failing then
/// succeeding, reopen and rename while pending) are here as this queue has them; stopping is in
/// <see cref="WriteBackQueueStopTests"/>.
/// </summary>
public sealed class WriteBackQueueTests : IDisposable
{
    private readonly WriteBackQueueSetup _setup = new();

    [Fact(Timeout = 30_000)]
    public async Task A_closed_file_is_uploaded_once_when_the_write_back_delay_has_passed_and_not_before()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "content");
        await _setup.Clock.WaitForTimerAsync(Delay);
        var waiting = Assert.Single(queue.Snapshot());
        Assert.Equal(UploadState.Waiting, waiting.State);
        Assert.Equal(_setup.Start + Delay, waiting.NextAttempt);

        _setup.Clock.Advance(Delay - Tick);
        Assert.Equal(0, _setup.Steps.Started);
        _setup.Clock.Advance(Tick);
        var attempt = await _setup.Steps.NextAttemptAsync();

        Assert.Equal(("/a", "content", _setup.Start + Delay, 0), (attempt.Path, attempt.Content, attempt.At, attempt.ChecksBefore));
        Assert.Equal(UploadState.Uploading, Assert.Single(queue.Snapshot()).State);
        attempt.Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _setup.Steps.Started);
        _setup.AssertLetGo(node);
        Assert.False(node.Dirty);
        Assert.Empty(_setup.Journal.Load());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_upload_that_fails_is_retried_with_growing_pauses_each_after_a_check_of_the_server_until_it_succeeds()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "content");
        await _setup.Clock.WaitForTimerAsync(Delay);
        _setup.Clock.Advance(Delay);
        (await _setup.Steps.NextAttemptAsync()).Fail(new IOException("connection reset"));
        await UntilAsync(() => queue.Failing == 1, "the file to count as failing");

        TimeSpan[] pauses = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8)];
        for (var i = 0; i < pauses.Length; i++)
        {
            await _setup.Clock.WaitForTimerAsync(pauses[i]);
            var waiting = Assert.Single(queue.Snapshot());
            var lastError = i == 0 ? "connection reset" : "552 quota exceeded";
            Assert.Equal((UploadState.Waiting, i + 1, lastError), (waiting.State, waiting.Failures, waiting.LastError));
            Assert.Equal(_setup.Clock.GetUtcNow() + pauses[i], waiting.NextAttempt);

            _setup.Clock.Advance(pauses[i] - Tick);
            Assert.Equal(i + 1, _setup.Steps.Started);
            _setup.Clock.Advance(Tick);
            var attempt = await _setup.Steps.NextAttemptAsync();
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
        Assert.Equal(pauses.Length + 1, _setup.Steps.Started);
        Assert.Empty(queue.Refused);
        _setup.AssertLetGo(node);
        Assert.False(node.Dirty);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_reopened_while_its_upload_waits_is_left_to_the_new_handle_whose_close_queues_it_again()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "first");
        await _setup.Clock.WaitForTimerAsync(Delay);

        var reopened = _setup.Nodes.Acquire(P("/a"), () => throw new InvalidOperationException("a second node for an open path"));
        Assert.Same(node, reopened);
        _setup.Clock.Advance(Delay);
        await UntilAsync(() => queue.Count == 0, "the queue to hand the file to its handle");
        Assert.Equal(0, _setup.Steps.Started);
        Assert.False(node.WriteBackQueued);
        Assert.Equal(1, node.OpenHandles);
        Assert.Same(node, _setup.Nodes.Find(P("/a")));

        await _setup.WriteAndReleaseAsync(queue, node, "second", expectQueued: true);
        await _setup.Clock.WaitForTimerAsync(Delay);
        _setup.Clock.Advance(Delay);
        var attempt = await _setup.Steps.NextAttemptAsync();
        Assert.Equal(("/a", "second"), (attempt.Path, attempt.Content));
        attempt.Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _setup.Steps.Started);
        _setup.AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_closed_again_while_its_upload_waits_keeps_one_queue_entry_which_sends_the_newest_content()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "first");
        await _setup.Clock.WaitForTimerAsync(Delay);

        _setup.Nodes.Acquire(P("/a"), () => throw new InvalidOperationException("a second node for an open path"));
        await _setup.WriteAndReleaseAsync(queue, node, "second", expectQueued: false);
        Assert.Equal(1, queue.Count);

        _setup.Clock.Advance(Delay);
        var attempt = await _setup.Steps.NextAttemptAsync();
        Assert.Equal("second", attempt.Content);
        attempt.Succeed();
        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _setup.Steps.Started);
        _setup.AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_whose_folder_is_renamed_while_its_upload_waits_is_uploaded_once_under_its_new_name()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/d/a", "content");
        await _setup.Clock.WaitForTimerAsync(Delay);

        _setup.Nodes.Move(P("/d"), P("/e"));
        Assert.Equal("/e/a", Assert.Single(queue.Snapshot()).Path);
        _setup.Clock.Advance(Delay);
        var attempt = await _setup.Steps.NextAttemptAsync();
        Assert.Equal(("/e/a", "content"), (attempt.Path, attempt.Content));
        attempt.Succeed();

        await UntilAsync(() => queue.Count == 0, "the upload to leave the queue");
        Assert.Equal(1, _setup.Steps.Started);
        _setup.AssertLetGo(node);
        Assert.Null(_setup.Nodes.Find(P("/e/a")));
        Assert.Null(_setup.Nodes.Find(P("/d/a")));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_a_rename_saved_first_while_its_upload_waited_is_not_sent_again()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "content");
        await _setup.Clock.WaitForTimerAsync(Delay);

        // What rename(2) does to a file with unsaved content: save it under its gate, then move it.
        await UnderGateAsync(node, () =>
        {
            node.Uploaded(new RemoteEntry("a", EntryKind.File, 7, _setup.Clock.GetUtcNow(), null, null));
            _setup.Journal.Clear(node);
            _setup.Nodes.Move(P("/a"), P("/b"));
        });

        _setup.Clock.Advance(Delay);
        await UntilAsync(() => queue.Count == 0, "the queue to let the saved file go");
        Assert.Equal(0, _setup.Steps.Started);
        _setup.AssertLetGo(node);
    }

    [Fact(Timeout = 30_000)]
    public async Task Unlinking_a_file_while_its_upload_waits_cancels_the_upload_and_removes_its_spool()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "content");
        var spool = node.Spool!.FilePath;
        await _setup.Clock.WaitForTimerAsync(Delay);

        await UnderGateAsync(node, () =>
        {
            _setup.Journal.Clear(node);
            node.Detached();
            _setup.Nodes.Detach(node);
        });

        _setup.Clock.Advance(Delay);
        await UntilAsync(() => queue.Count == 0, "the queue to drop the unlinked file");
        Assert.Equal(0, _setup.Steps.Started);
        _setup.AssertLetGo(node);
        Assert.False(File.Exists(spool));
        Assert.Empty(_setup.Journal.Load());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refusal_for_good_stops_the_attempts_and_is_reported_with_the_content_kept_for_later()
    {
        using var queue = _setup.NewQueue();
        var node = await _setup.CloseAsync(queue, "/a", "precious");
        await _setup.Clock.WaitForTimerAsync(Delay);
        _setup.Clock.Advance(Delay);

        (await _setup.Steps.NextAttemptAsync()).Fail(new RemoteFsException(FsError.AccessDenied, "553 not allowed"));

        await UntilAsync(() => queue.Count == 0, "the refused upload to leave the queue");
        _setup.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, _setup.Steps.Started);
        Assert.Equal(0, queue.Failing);
        Assert.StartsWith("553 not allowed; its content is kept in ", queue.Refused["/a"], StringComparison.Ordinal);
        _setup.AssertLetGo(node);
        var entry = _setup.AssertJournaled("/a", "precious");
        Assert.Equal("553 not allowed", entry.Refused);
    }

    [Fact(Timeout = 30_000)]
    public async Task No_more_uploads_run_at_once_than_the_parallelism_allows()
    {
        using var queue = _setup.NewQueue(Options with { Parallelism = 2 });
        foreach (var name in new[] { "/a", "/b", "/c" })
        {
            await _setup.CloseAsync(queue, name, name);
            await _setup.Clock.WaitForTimerAsync(Delay);
        }

        _setup.Clock.Advance(Delay);
        var first = await _setup.Steps.NextAttemptAsync();
        var second = await _setup.Steps.NextAttemptAsync();
        await UntilAsync(() => queue.Snapshot().Count(s => s.State == UploadState.Queued) == 1, "the third upload to wait for a connection");
        Assert.Equal(2, _setup.Steps.Started);

        first.Succeed();
        var third = await _setup.Steps.NextAttemptAsync();
        second.Succeed();
        third.Succeed();
        await UntilAsync(() => queue.Count == 0, "every upload to leave the queue");
        Assert.Equal(3, _setup.Steps.Started);
        Assert.Equal(["/a", "/b", "/c"], new[] { first.Path, second.Path, third.Path }.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Nothing_clean_deleted_or_already_queued_is_taken_into_the_queue()
    {
        var queue = _setup.NewQueue();
        var clean = _setup.Nodes.Acquire(P("/clean"), () => new FileNode(P("/clean"), null));
        Assert.False(queue.TryEnqueue(clean));

        var deleted = _setup.Nodes.Acquire(P("/deleted"), () => new FileNode(P("/deleted"), null));
        deleted.Emptied(_setup.Journal.CreateSpool, _setup.Clock.GetUtcNow());
        deleted.Detached();
        Assert.False(queue.TryEnqueue(deleted));

        var dirty = await _setup.CloseAsync(queue, "/dirty", "x");
        Assert.False(queue.TryEnqueue(dirty));
        Assert.Equal(1, queue.Count);
        Assert.Equal(1, clean.OpenHandles);
        Assert.Equal(1, deleted.OpenHandles);
        deleted.CloseSpool();

        queue.Dispose();
        await UntilAsync(() => queue.Count == 0, "the stopped queue to let its file go");
    }

    /// <summary>What a program's write and close do with write-back on: the last release queues the node under its gate.</summary>

    public void Dispose() => _setup.Dispose();
}
