using FtpMount.Core.Cache;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;

namespace FtpMount.Core.Entries;

/// <summary>
/// The files of one folder that a listing shows as they are here, not as the server lists them: new or changed and
/// not yet uploaded (or waiting for write-back). Taken before the listing it is merged into, and decided then.
/// </summary>
/// <remarks>
/// Decided when taken, not when merged: a write-back upload that ends in between updates the listing cache, then
/// leaves the table and closes the node's spool. A listing got before that update and merged after it, with the
/// decision made at the merge, lacked the file and found its node "on the server" (no spool any more): the file
/// vanished from that readdir (ConcurrentIntegrityStressTests with write-back, about one run in three).
/// </remarks>
internal sealed class OpenFilesShown
{
    private readonly List<FileNode> _shown;

    private OpenFilesShown(List<FileNode> shown) => _shown = shown;

    public static OpenFilesShown Take(FileNodeTable nodes, RemotePath directory)
    {
        var shown = nodes.ChildrenOf(directory);
        shown.RemoveAll(node => node.Spool is null && node.ServerEntry is not null);
        return new OpenFilesShown(shown);
    }

    /// <summary>The listing's entries with these files in place of (or besides) the listed ones; a file unlinked since is left out.</summary>
    public FolderContents MergeInto(DirectoryListing listing)
    {
        if (_shown.Count == 0)
        {
            return new FolderContents([.. listing.Entries], listing);
        }

        var merged = new Dictionary<string, RemoteEntry>(StringComparer.Ordinal);
        foreach (var entry in listing.Entries)
        {
            merged[entry.Name] = entry;
        }

        foreach (var node in _shown)
        {
            if (!node.Deleted)
            {
                merged[node.Path.Name] = node.ToEntry();
            }
        }

        return new FolderContents([.. merged.Values], listing) { ShowsLocalFiles = true };
    }
}
