namespace FtpMount.Core.Nodes;

/// <summary>The write-back queue's steps over the server: <see cref="FileContent"/> saves and journals, <see cref="ConflictGuard"/> checks.</summary>
internal sealed class WriteBackSteps(FileContent content, ConflictGuard guard) : IWriteBackSteps
{
    public bool TryRecord(FileNode node) => content.TryRecord(node);

    public Task CheckAsync(FileNode node, CancellationToken cancellationToken) => guard.CheckAsync(node, cancellationToken);

    public Task SaveAsync(FileNode node, CancellationToken cancellationToken) => content.SaveAsync(node, cancellationToken);
}
