namespace FtpMount.Core.Nodes;

/// <summary>
/// What the <see cref="WriteBackQueue"/> does to a node it holds, each under the node's gate: journal it, check the
/// server before a retry, save it. The queue decides when and how often; these decide how.
/// </summary>
internal interface IWriteBackSteps
{
    /// <summary>Journals the node before the queue owns it; false when even that failed (a full spool disk).</summary>
    bool TryRecord(FileNode node);

    /// <summary>Before a retry: is the server's file still the one the content was based on? (<see cref="ConflictGuard"/>.)</summary>
    Task CheckAsync(FileNode node, CancellationToken cancellationToken);

    /// <summary>Puts the content on the server (<see cref="FileContent.SaveAsync"/>).</summary>
    Task SaveAsync(FileNode node, CancellationToken cancellationToken);
}
