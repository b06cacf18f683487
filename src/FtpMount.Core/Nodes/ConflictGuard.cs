using FtpMount.Core.Entries;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Before a pending upload is sent again (a replay at mount, a background retry), checks that the server's file is
/// still the one its content was based on. If someone changed it meanwhile, the upload must not overwrite their
/// work: the pending content moves to a conflict name beside it (see <see cref="ConflictName"/>) and is uploaded
/// there; the log and <c>ftpmount status</c> say so. A first save straight from close() overwrites, as every
/// program saving a file expects; only a delayed retry can clobber a change made in between.
/// </summary>
internal sealed class ConflictGuard(
    Func<RemotePath, CancellationToken, Task<RemoteEntry?>> lookupFresh, FileNodeTable nodes, FileContent content, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly List<string> _kept = [];

    /// <summary>Conflict copies made by this mount, newest last.</summary>
    public IReadOnlyList<string> Kept
    {
        get
        {
            lock (_lock)
            {
                return [.. _kept];
            }
        }
    }

    /// <summary>The caller holds the node's gate; on a conflict the node is renamed, on disk and in the table.</summary>
    public async Task CheckAsync(FileNode node, CancellationToken cancellationToken)
    {
        var now = await lookupFresh(node.Path, cancellationToken).ConfigureAwait(false);
        var based = ServerBase.Of(node.ServerEntry, node.ServerEntryIsOurs);
        if (based.StillMatches(now))
        {
            if (now is null)
            {
                // Gone meanwhile: the upload creates it again, and a later unlink need not delete anything.
                node.GoneFromServer();
            }

            return;
        }

        var original = node.Path;
        RemotePath conflict;
        var attempt = 1;
        do
        {
            conflict = ConflictName.For(original, DateTimeOffset.UtcNow, attempt++);
        }
        while (nodes.Find(conflict) is not null
               || await lookupFresh(conflict, cancellationToken).ConfigureAwait(false) is not null);

        nodes.Move(original, conflict);
        node.MovedAside(conflict);
        content.TryRecord(node);
        FsLog.ConflictKept(logger, original.Value, conflict.Value);
        lock (_lock)
        {
            _kept.Add(conflict.Value);
        }
    }
}
