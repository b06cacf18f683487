using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Operations on names: mkdir, rmdir, unlink, rename (utimens and chmod are <see cref="MetadataOperations"/>). FTP
/// answers most refusals with a bare 550, so on failure the path is looked up again to give the precise error
/// (ENOENT, EEXIST, ENOTEMPTY ...).
/// </summary>
internal sealed class NamespaceOperations(
    WritePermission writes,
    EntryLookup lookup,
    IRemoteStore client,
    ServerPathMap map,
    DirectoryCache cache,
    FileNodeTable nodes,
    FileContent content,
    SpoolJournal journal,
    RenameOver renameOver,
    FolderTimes folderTimes,
    ExactTimes times,
    ILogger logger)
{
    public async Task CreateDirectoryAsync(RemotePath path, int? mode, CancellationToken cancellationToken)
    {
        writes.Ensure(true);
        var serverPath = map.ToServer(path);
        try
        {
            await client.CreateDirectoryAsync(serverPath, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpException e)
        {
            if (await lookup.FindFreshAsync(path, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new RemoteFsException(FsError.AlreadyExists, $"{path} already exists.", e);
            }

            // The new name is missing by definition: only a missing parent makes the refusal ENOENT. Explaining by
            // the name itself turned "550 Permission denied." into ENOENT, and mkdir(1) said "No such file or directory".
            throw await lookup.ExplainAsync(e, path.Parent, $"Creating the directory {path.Name} in").ConfigureAwait(false);
        }

        int? applied = null;
        if (mode is { } wanted)
        {
            try
            {
                // The folder exists now; a mode the server will not set must not make mkdir(2) fail.
                await client.ChangeModeAsync(serverPath, wanted & RemoteEntry.PermissionBits, cancellationToken).ConfigureAwait(false);
                applied = wanted & RemoteEntry.PermissionBits;
            }
            catch (FtpException e)
            {
                FsLog.MetadataNotApplied(logger, path.Value, e.Message);
            }
        }

        FolderChanged(path.Parent);
        cache.Update(path, new RemoteEntry(path.Name, EntryKind.Directory, 0, DateTimeOffset.UtcNow, applied, null));
        cache.SeedEmptyListing(path);
    }

    public async Task RemoveDirectoryAsync(RemotePath path, CancellationToken cancellationToken)
    {
        writes.Ensure(true);
        if (nodes.HasLiveFileWithin(path))
        {
            // The server may not have the file yet (new, open or waiting for write-back), but the folder is not empty.
            throw new RemoteFsException(FsError.NotEmpty, $"{path} is not empty.");
        }

        try
        {
            await client.RemoveDirectoryAsync(map.ToServer(path), cancellationToken).ConfigureAwait(false);
        }
        catch (FtpException e)
        {
            var entry = await lookup.FindFreshAsync(path, cancellationToken).ConfigureAwait(false);
            if (entry is { IsDirectory: true })
            {
                var children = await lookup.ListFreshAsync(path, cancellationToken).ConfigureAwait(false);
                if (children.Count > 0)
                {
                    throw new RemoteFsException(FsError.NotEmpty, $"{path} is not empty.", e);
                }
            }

            throw await lookup.ExplainAsync(e, path, "Removing the directory", entry).ConfigureAwait(false);
        }

        folderTimes.Removed(path);
        FolderChanged(path.Parent);
        cache.Update(path, null);
        cache.InvalidateTree(path);
    }

    public async Task DeleteFileAsync(RemotePath path, CancellationToken cancellationToken)
    {
        writes.Ensure(true);
        journal.Supersede(path);
        if (nodes.Find(path) is { } node)
        {
            await NodeGate.RunAsync(node, n => DetachAsync(n), cancellationToken).ConfigureAwait(false);
            // Only local so far, unless the server has the name all the same (another client, or a file whose
            // pending upload was replayed from the journal): then it goes there too, or it would come back.
            if (node.ServerEntry is null && await lookup.FindAsync(path, cancellationToken).ConfigureAwait(false) is null)
            {
                FolderChanged(path.Parent);
                cache.Update(path, null);
                return;
            }
        }

        try
        {
            await client.DeleteFileAsync(map.ToServer(path), cancellationToken).ConfigureAwait(false);
        }
        catch (FtpException e)
        {
            throw await lookup.ExplainAsync(e, path, "Deleting").ConfigureAwait(false);
        }

        FolderChanged(path.Parent);
        cache.Update(path, null);
    }

    public async Task RenameAsync(RemotePath from, RemotePath to, bool noReplace, CancellationToken cancellationToken)
    {
        writes.Ensure(true);
        if (from.Equals(to))
        {
            return;
        }

        if (to.IsWithin(from))
        {
            throw new RemoteFsException(FsError.InvalidName, $"Cannot move {from} into itself.");
        }

        // Content still local must exist on the server under the old name before the server can rename it; in a
        // renamed folder, files waiting for write-back are sent first so no upload races the rename.
        if (nodes.Find(from) is { } moving)
        {
            await NodeGate.RunAsync(moving, n => content.SaveAsync(n, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        foreach (var waiting in nodes.Within(from))
        {
            if (waiting.WriteBackQueued)
            {
                await NodeGate.RunAsync(waiting, n => content.SaveAsync(n, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }

        var source = await lookup.FindAsync(from, cancellationToken).ConfigureAwait(false)
                     ?? throw new RemoteFsException(FsError.NotFound, $"{from} does not exist.");
        var target = await lookup.FindAsync(to, cancellationToken).ConfigureAwait(false);
        if (target is not null)
        {
            await PrepareTargetAsync(source, target, to, noReplace, cancellationToken).ConfigureAwait(false);
        }

        // The replaced file's node is held from before the server's rename until it is detached: its queued
        // (write-back) or retried upload runs under this gate, and one that landed between the two put the old
        // content back over the file just renamed in. Now it is done before the rename, or finds the node detached.
        var replaced = nodes.Find(to);
        if (replaced is not null)
        {
            await replaced.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            try
            {
                await renameOver.RunAsync(map.ToServer(from), map.ToServer(to), source.IsDirectory, cancellationToken).ConfigureAwait(false);
            }
            catch (FtpException e)
            {
                throw await lookup.ExplainAsync(e, from, $"Renaming to {to}").ConfigureAwait(false);
            }

            if (replaced is not null)
            {
                await DetachAsync(replaced).ConfigureAwait(false);
            }

            if (nodes.Find(to) is { } openedMeanwhile)
            {
                await NodeGate.RunAsync(openedMeanwhile, DetachAsync, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            replaced?.Gate.Release();
        }

        nodes.Move(from, to);
        journal.Moved(from, to);
        times.Move(from, to);
        FolderChanged(from.Parent);
        FolderChanged(to.Parent);
        if (source.IsDirectory)
        {
            folderTimes.Moved(from, to);
        }

        cache.Update(from, null);
        if (source.Kind is EntryKind.Symlink or EntryKind.BlockedLink)
        {
            // A link's shown target is relative to its folder and was checked for the old one: it is presented
            // again from the server's target (a "../x" moved up a level would otherwise lead out of the mount).
            cache.InvalidateDirectory(to.Parent);
            cache.Forget(to);
        }
        else
        {
            cache.Update(to, source with { Name = to.Name });
        }
        if (source.IsDirectory)
        {
            cache.InvalidateTree(from);
            cache.InvalidateTree(to);
        }
    }

    private async Task PrepareTargetAsync(RemoteEntry source, RemoteEntry target, RemotePath to, bool noReplace, CancellationToken cancellationToken)
    {
        if (noReplace)
        {
            throw new RemoteFsException(FsError.AlreadyExists, $"{to} already exists.");
        }

        if (source.IsDirectory && !target.IsDirectory)
        {
            throw new RemoteFsException(FsError.NotDirectory, $"{to} is not a directory.");
        }

        if (!source.IsDirectory && target.IsDirectory)
        {
            throw new RemoteFsException(FsError.IsDirectory, $"{to} is a directory.");
        }

        if (target.IsDirectory)
        {
            // rename(2) replaces an empty directory only. Nothing is removed here: RenameOver moves the empty target
            // aside if the server will not rename onto it, and removes it once the source is in its place.
            if (nodes.HasLiveFileWithin(to) || (await lookup.ListFreshAsync(to, cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                throw new RemoteFsException(FsError.NotEmpty, $"{to} is not empty.");
            }
        }
    }

    /// <summary>A name in <paramref name="folder"/> was created, removed or renamed through the mount.</summary>
    internal void FolderChanged(RemotePath folder) => folderTimes.ChildrenChanged(folder, cache.FolderChanged(folder));

    private async Task DetachAsync(FileNode node)
    {
        journal.Clear(node);
        node.Detached();
        nodes.Detach(node);
        await content.AbandonStreamingAsync(node).ConfigureAwait(false);
    }
}
