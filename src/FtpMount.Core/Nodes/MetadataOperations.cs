using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Paths;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// utimens and chmod: set on the server, or kept with a file whose content is not there yet and applied with its
/// upload; a folder time a server will not set is kept by the mount, so programs see what they set.
/// </summary>
internal sealed class MetadataOperations(
    WritePermission writes,
    EntryLookup lookup,
    IRemoteStore client,
    ServerPathMap map,
    DirectoryCache cache,
    FileNodeTable nodes,
    FileContent content,
    FolderTimes folderTimes,
    ExactTimes times,
    ILogger logger)
{
    public async Task SetModifiedTimeAsync(RemotePath path, DateTimeOffset time, CancellationToken cancellationToken)
    {
        writes.Ensure(true);
        if (await DeferToUploadAsync(path, n => n.ModifiedSetBeforeUpload(time), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await client.SetModifiedTimeAsync(map.ToServer(path), time, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpException e)
        {
            if (e is FtpPermanentException && await IsDirectoryAsync(path, cancellationToken).ConfigureAwait(false))
            {
                // vsftpd's MDTM-write and pyftpdlib's MFMT only accept files: the mount keeps the time (FolderTimes)
                // so programs see what they set. Failing here would make tar and cp -a report an error for every
                // directory they create.
                FsLog.FolderTimeKeptLocally(logger, path.Value, e.Message);
                RememberFolderTime(path, time, await lookup.FindAsync(path, cancellationToken).ConfigureAwait(false));
                return;
            }

            throw await lookup.ExplainAsync(e, path, "Setting the modification time").ConfigureAwait(false);
        }

        var entry = await lookup.FindAsync(path, cancellationToken).ConfigureAwait(false);
        if (path.IsRoot || entry is { IsDirectory: true })
        {
            // Kept even where the server set it: our later uploads into the folder move the server's time again.
            RememberFolderTime(path, time, entry);
        }
        else if (entry is not null)
        {
            cache.Update(path, entry with { Modified = time });
            if (entry.Kind == EntryKind.File)
            {
                times.Remember(path, entry.Size, time);
            }
        }

        await UpdateOpenNodeAsync(
            path,
            n => n.ModifiedSetOnServer(time),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task ChangeModeAsync(RemotePath path, int mode, CancellationToken cancellationToken)
    {
        writes.Ensure(true);
        mode &= RemoteEntry.PermissionBits;
        if (await DeferToUploadAsync(path, n => n.ModeSetBeforeUpload(mode), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await client.ChangeModeAsync(map.ToServer(path), mode, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException e)
        {
            if (await lookup.FindFreshAsync(path, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new RemoteFsException(FsError.NotFound, $"{path} does not exist.", e);
            }

            throw new RemoteFsException(FsError.NotSupported, $"The server refused to change the mode of {path}: {e.Message}", e);
        }
        catch (FtpException e)
        {
            throw FtpErrorTranslator.Translate(e, $"Changing the mode of {path} failed");
        }

        if (await lookup.FindAsync(path, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            cache.Update(path, entry with { Mode = mode });
        }

        await UpdateOpenNodeAsync(
            path, n => n.ModeSetOnServer(mode), cancellationToken).ConfigureAwait(false);
    }

    private void RememberFolderTime(RemotePath path, DateTimeOffset time, RemoteEntry? entry)
    {
        folderTimes.Remember(path, time);
        if (entry is not null && !path.IsRoot)
        {
            cache.Update(path, entry with { Modified = time });
        }
    }

    private async Task<bool> IsDirectoryAsync(RemotePath path, CancellationToken cancellationToken) =>
        path.IsRoot || await lookup.FindAsync(path, cancellationToken).ConfigureAwait(false) is { IsDirectory: true };

    /// <summary>Metadata of a file whose content is not on the server yet is applied right after its upload.</summary>
    private async Task<bool> DeferToUploadAsync(RemotePath path, Action<FileNode> record, CancellationToken cancellationToken)
    {
        if (nodes.Find(path) is not { } node)
        {
            return false;
        }

        var deferred = false;
        await NodeGate.RunAsync(
            node,
            n =>
            {
                if (n.Dirty || n.ServerEntry is null)
                {
                    record(n);
                    deferred = true;
                    if (n.WriteBackQueued)
                    {
                        // Closed already: the journal must carry the metadata too, in case the mount stops first.
                        content.TryRecord(n);
                    }
                }

                return Task.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        return deferred;
    }

    /// <summary>
    /// An open file answers getattr from its node, not the cache, until the last release; a change applied on the
    /// server directly (the node had nothing unsaved, e.g. touch after its close-and-reopen) must show there too.
    /// </summary>
    private async Task UpdateOpenNodeAsync(RemotePath path, Action<FileNode> update, CancellationToken cancellationToken)
    {
        if (nodes.Find(path) is { } node)
        {
            await NodeGate.RunAsync(
                node,
                n =>
                {
                    update(n);
                    return Task.CompletedTask;
                },
                cancellationToken).ConfigureAwait(false);
        }
    }
}
