using System.Threading.Channels;
using FtpMount.Core.Entries;
using FtpMount.Core.Nodes;
using FtpMount.Core.Spool;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// The write-back queue's steps with the server left out: journaling is real (the spool folder on local disk), a
/// conflict check is counted, and every save is handed to the test as an <see cref="Attempt"/> it ends as it likes.
/// </summary>
internal sealed class ScriptedWriteBackSteps(SpoolJournal journal, TimeProvider clock) : IWriteBackSteps
{
    private readonly Channel<Attempt> _attempts = Channel.CreateUnbounded<Attempt>();
    private int _started;
    private int _checks;

    /// <summary>Saves started so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Conflict checks made so far (one before every retry).</summary>
    public int Checks => Volatile.Read(ref _checks);

    public bool TryRecord(FileNode node)
    {
        journal.Record(node);
        return true;
    }

    public Task CheckAsync(FileNode node, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _checks);
        return Task.CompletedTask;
    }

    public async Task SaveAsync(FileNode node, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        var attempt = new Attempt(node, node.Path.Value, clock.GetUtcNow(), ReadSpool(node), Checks, cancellationToken);
        _attempts.Writer.TryWrite(attempt);
        await attempt.Outcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false);

        // What FileContent.SaveAsync does once the content is on the server.
        node.Uploaded(new RemoteEntry(node.Path.Name, EntryKind.File, node.Size, clock.GetUtcNow(), null, null));
        journal.Clear(node);
    }

    /// <summary>The next save the queue starts, failing the test if none starts within 20 s.</summary>
    public async Task<Attempt> NextAttemptAsync()
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            return await _attempts.Reader.ReadAsync(bound.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            Assert.Fail("the queue started no upload within 20 s");
            throw;
        }
    }

    private static string ReadSpool(FileNode node)
    {
        var buffer = new byte[node.Spool!.Length];
        node.Spool.Read(buffer, 0);
        return System.Text.Encoding.UTF8.GetString(buffer);
    }

    /// <summary>One save in progress: the node as the queue handed it over, and how the test ends it.</summary>
    internal sealed record Attempt(FileNode Node, string Path, DateTimeOffset At, string Content, int ChecksBefore, CancellationToken Token)
    {
        public TaskCompletionSource Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Succeed() => Outcome.SetResult();

        public void Fail(Exception error) => Outcome.SetException(error);
    }
}
