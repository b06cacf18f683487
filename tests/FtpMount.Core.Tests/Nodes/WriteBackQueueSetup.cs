using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// A write-back queue on a fake clock over a real spool folder and node table, its save step scripted by the test
/// (<see cref="ScriptedWriteBackSteps"/>), and what a program's close does to it.
/// </summary>
internal sealed class WriteBackQueueSetup : IDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    public static readonly WriteBackOptions Options = new()
    {
        Enabled = true,
        Delay = Delay,
        Parallelism = 3,
        AttemptTimeout = AttemptTimeout,
        MaxRetryPause = TimeSpan.FromSeconds(8),
    };

    private readonly string _root = Directory.CreateTempSubdirectory("ftpmount-writeback-unit-").FullName;

    public WriteBackQueueSetup()
    {
        Folder = SpoolFolder.Open(_root, "u@h:21/");
        Journal = new SpoolJournal(Folder, NullLogger.Instance);
        Steps = new ScriptedWriteBackSteps(Journal, Clock);
        Start = Clock.GetUtcNow();
    }

    public SpoolFolder Folder { get; }

    public SpoolJournal Journal { get; }

    public FileNodeTable Nodes { get; } = new();

    public TimerWatchingClock Clock { get; } = new();

    public ScriptedWriteBackSteps Steps { get; }

    /// <summary>The fake clock's time when the setup was made.</summary>
    public DateTimeOffset Start { get; }

    public static RemotePath P(string path) => RemotePath.Parse(path);

    public WriteBackQueue NewQueue(WriteBackOptions? options = null) =>
        new(Nodes, Steps, Journal, options ?? Options, NullLogger.Instance, Clock);

    public async Task<FileNode> CloseAsync(WriteBackQueue queue, string path, string content)
    {
        var node = Nodes.Acquire(P(path), () => new FileNode(P(path), null));
        node.Emptied(Journal.CreateSpool, Clock.GetUtcNow());
        await WriteAndReleaseAsync(queue, node, content, expectQueued: true);
        return node;
    }

    public Task WriteAndReleaseAsync(WriteBackQueue queue, FileNode node, string content, bool expectQueued) =>
        UnderGateAsync(node, () =>
        {
            node.Spool!.SetLength(0);
            node.Spool.Write(System.Text.Encoding.UTF8.GetBytes(content), 0);
            node.Changed(Clock.GetUtcNow());
            Assert.Equal(expectQueued, queue.TryEnqueue(node));
            Assert.False(Nodes.Release(node));
        });

    /// <summary>What the file system's operations on an open file do: change it while holding its gate.</summary>
    public static Task UnderGateAsync(FileNode node, Action change) =>
        NodeGate.RunAsync(
            node,
            _ =>
            {
                change();
                return Task.CompletedTask;
            },
            TestContext.Current.CancellationToken);

    public void AssertLetGo(FileNode node)
    {
        Assert.False(node.WriteBackQueued);
        Assert.Equal(0, node.OpenHandles);
        Assert.Null(node.Spool);
        Assert.Null(Nodes.Find(node.Path));
    }

    public JournalEntry AssertJournaled(string path, string content)
    {
        var entry = Assert.Single(new SpoolJournal(Folder, NullLogger.Instance).Load());
        Assert.Equal(path, entry.Path.Value);
        Assert.Equal(content, File.ReadAllText(Folder.PathOf(entry.SpoolName)));
        return entry;
    }

    public static async Task UntilAsync(Func<bool> condition, string what)
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
        Folder.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
