namespace FtpMount.Core.Nodes;

/// <summary>Runs one step on a node while holding its gate, the lock every change of an open file's content takes.</summary>
internal static class NodeGate
{
    public static async Task RunAsync(FileNode node, Func<FileNode, Task> action, CancellationToken cancellationToken)
    {
        await node.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await action(node).ConfigureAwait(false);
        }
        finally
        {
            node.Gate.Release();
        }
    }
}
