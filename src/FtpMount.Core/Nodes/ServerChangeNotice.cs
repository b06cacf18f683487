using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Paths;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Notices that another client changed a file since it was listed (checked on open, and when a read's transfer ends
/// at another size than the listed one), records the file as it is now in the listing cache, and tells the OS
/// adapter, which drops the kernel's cached pages and attributes of the path.
/// </summary>
internal sealed class ServerChangeNotice(ServerFileCheck check, DirectoryCache cache, ILogger logger)
{
    /// <summary>Raised with the mount path of a file found changed on the server; may run on any thread.</summary>
    public event Action<string>? Changed;

    /// <summary>The file as the server has it now: <paramref name="listed"/> when unchanged, the new entry otherwise.</summary>
    public async Task<(RemoteEntry Entry, bool Changed)> CheckAsync(RemotePath path, RemoteEntry listed, CancellationToken cancellationToken)
    {
        var now = await check.FindChangeAsync(path, listed, cancellationToken).ConfigureAwait(false);
        if (now is null)
        {
            return (listed, false);
        }

        Record(path, listed, now);
        return (now, true);
    }

    /// <summary>Re-checks an open node's server file; true when it changed (the node then has the new entry).</summary>
    public async Task<bool> AdoptAsync(FileNode node, CancellationToken cancellationToken)
    {
        if (node.ServerEntry is not { } listed)
        {
            return false;
        }

        var now = await check.FindChangeAsync(node.Path, listed, cancellationToken).ConfigureAwait(false);
        if (now is null)
        {
            return false;
        }

        node.ChangedOnServer(now);
        Record(node.Path, listed, now);
        return true;
    }

    private void Record(RemotePath path, RemoteEntry listed, RemoteEntry now)
    {
        FsLog.ChangedOnServer(logger, path.Value, listed.Size, now.Size);
        cache.Update(path, now);
        Changed?.Invoke(path.Value);
    }
}
