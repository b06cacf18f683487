using FtpMount.Core.Cache;
using FtpMount.Core.Errors;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;

namespace FtpMount.Core.Entries;

/// <summary>
/// Finds names: an entry from the listing cache, MLST or the parent's listing, and a folder's entries with the
/// files open here but not yet saved shown as they are locally. What the filesystem and the namespace operations
/// both look up, so neither calls back into the other; and the precise error for an FTP refusal (a bare 550 for a
/// path that is gone is ENOENT).
/// </summary>
internal sealed class EntryLookup(
    IRemoteStore store,
    ServerPathMap map,
    DirectoryCache cache,
    FileNodeTable nodes,
    FolderTimes folderTimes,
    SiblingPrefetcher? prefetcher,
    bool hasMlst)
{
    // The mounted root has no listing entry to take a time from. A time of its own that moved with every stat made
    // the kernel, which checks a folder's mtime before listing it from its copy, drop its copy of the root each time.
    private readonly DateTimeOffset _mountedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>The mounted root: the time set on it through the mount, else the mount's start.</summary>
    public RemoteEntry Root => RemoteEntry.RootDirectory(folderTimes.TimeOf(RemotePath.Root) ?? _mountedAt);

    /// <summary>The entry from the cache, MLST or the parent's listing; null when it does not exist.</summary>
    public async Task<RemoteEntry?> FindAsync(RemotePath path, CancellationToken cancellationToken)
    {
        if (cache.TryGetEntry(path, out var known))
        {
            return known;
        }

        if (!hasMlst)
        {
            var listing = await ListCachedAsync(path.Parent, cancellationToken).ConfigureAwait(false);
            return listing.Find(path.Name);
        }

        try
        {
            var entry = await store.GetEntryAsync(map.ToServer(path), cancellationToken).ConfigureAwait(false);
            if (entry is { Type: FtpEntryType.Symlink })
            {
                // MLST shows no target on pure-ftpd; the listing has it and applies the link policy.
                var listing = await ListCachedAsync(path.Parent, cancellationToken).ConfigureAwait(false);
                return listing.Find(path.Name);
            }

            var result = entry is null ? null : folderTimes.Apply(path.Parent.Value, RemoteEntry.From(entry, DateTimeOffset.UtcNow) with { Name = path.Name });
            cache.StoreEntry(path, result);
            return result;
        }
        catch (Exception e) when (e is FtpException)
        {
            throw FtpErrorTranslator.Translate(e, $"Looking up {path} failed");
        }
    }

    /// <summary>Looks a path up again on the server, bypassing the cache: used to explain an ambiguous 550.</summary>
    public async Task<RemoteEntry?> FindFreshAsync(RemotePath path, CancellationToken cancellationToken)
    {
        cache.InvalidateDirectory(path.Parent);
        cache.Forget(path);
        return path.IsRoot ? Root : await FindAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A directory's entries, with files open here but not yet saved shown as they are locally.</summary>
    public async Task<IReadOnlyList<RemoteEntry>> ListAsync(RemotePath directory, CancellationToken cancellationToken) =>
        (await ListContentsAsync(directory, cancellationToken).ConfigureAwait(false)).Entries;

    /// <summary>As <see cref="ListAsync"/>, with the cached listing the entries were built from.</summary>
    public async Task<FolderContents> ListContentsAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        var open = OpenFilesShown.Take(nodes, directory);

        // The caller's own listing starts first, so it takes a free connection before the siblings listed ahead do:
        // otherwise, at high latency, the walk waited for a new connection to log in while its next folders were listed.
        var listing = ListCachedAsync(directory, cancellationToken);
        prefetcher?.OnListing(directory);
        return open.MergeInto(await listing.ConfigureAwait(false));
    }

    /// <summary>As <see cref="ListContentsAsync"/> when the listing cache answers, without a wait; false otherwise.</summary>
    public bool TryListContentsCached(RemotePath directory, out FolderContents contents)
    {
        // The open files first: a file whose upload ends in between leaves the table only after its entry went
        // into the listing cache, so taken the other way round the file could be in neither.
        var open = OpenFilesShown.Take(nodes, directory);
        if (!cache.TryUseListing(directory, out var listing))
        {
            contents = null!;
            return false;
        }

        prefetcher?.OnListing(directory);
        contents = open.MergeInto(listing);
        return true;
    }

    /// <summary>As <see cref="ListAsync"/>, but as the server has the folder now: decisions (not empty?) rest on it.</summary>
    public Task<IReadOnlyList<RemoteEntry>> ListFreshAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        cache.InvalidateDirectory(directory);
        return ListAsync(directory, cancellationToken);
    }

    public async Task<DirectoryListing> ListCachedAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetListingAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FtpException)
        {
            throw FtpErrorTranslator.Translate(e, $"Listing {directory} failed");
        }
    }

    /// <summary>Turns an FTP failure into the most precise error: a path that is gone is ENOENT whatever the reply said.</summary>
    public async Task<RemoteFsException> ExplainAsync(FtpException error, RemotePath path, string action, RemoteEntry? known = null)
    {
        if (error is FtpPermanentException)
        {
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var entry = known ?? await FindFreshAsync(path, deadline.Token).ConfigureAwait(false);
                if (entry is null)
                {
                    return new RemoteFsException(FsError.NotFound, $"{action} {path} failed: it does not exist.", error);
                }
            }
            catch (RemoteFsException)
            {
                // The lookup failed as well; the original error is the better report.
            }
        }

        return FtpErrorTranslator.Translate(error, $"{action} {path} failed");
    }
}
