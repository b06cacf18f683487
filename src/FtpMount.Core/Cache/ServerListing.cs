using FtpMount.Core.Entries;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Cache;

/// <summary>
/// Fetches one folder's listing from the server as the mount shows it: refused lines logged, ftpmount's own
/// temporaries left out, symlink targets completed and bounded by the link policy (<see cref="LinkPresenter"/>),
/// coarse LIST times made exact (<see cref="ExactTimeFinder"/>).
/// </summary>
internal sealed class ServerListing(
    IRemoteStore client, ServerPathMap map, LinkPresenter links, FolderTimes folderTimes, ExactTimeFinder times, ILogger logger)
{
    public async Task<DirectoryListing> FetchAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        FtpListing listing;
        try
        {
            listing = await client.ListAsync(map.ToServer(directory), cancellationToken).ConfigureAwait(false);
        }
        catch (FtpProtocolException e)
        {
            // Too large, or not a listing at all: the rest of the mount goes on.
            FsLog.ListingRefused(logger, directory.Value, e.Message);
            throw;
        }

        if (listing.Rejected.Count > 0)
        {
            var first = listing.Rejected[0];
            FsLog.RejectedEntries(logger, directory.Value, listing.Rejected.Count, first.Reason, first.Excerpt);
        }

        var targets = await ListedLinkTargetsAsync(directory, listing, cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var exact = await times.FindAsync(directory, listing.Entries, now, cancellationToken).ConfigureAwait(false);
        var entries = new List<RemoteEntry>(listing.Entries.Count);
        var uncarried = 0;
        string? firstUncarried = null;
        foreach (var entry in listing.Entries)
        {
            if (TemporaryNames.IsHidden(entry.Name))
            {
                continue;
            }

            if (!map.Rules.CanCarry(entry.Name))
            {
                // A backslash from a server not known to be Unix-like: a name the mount could never send back.
                uncarried++;
                firstUncarried ??= entry.Name;
                continue;
            }

            var listed = exact is not null && exact.TryGetValue(entry.Name, out var time) ? entry with { Modified = time, ModifiedPrecision = TimeSpan.Zero } : entry;
            var remote = folderTimes.Apply(directory.Value, RemoteEntry.From(listed, now));
            if (remote is { Kind: EntryKind.Symlink, SymlinkTarget: null } && targets is not null && targets.TryGetValue(entry.Name, out var target))
            {
                remote = remote with { SymlinkTarget = target };
            }

            if (links.Present(remote, directory) is { } shown)
            {
                entries.Add(shown);
            }
        }

        if (firstUncarried is not null)
        {
            FsLog.RejectedEntries(logger, directory.Value, uncarried, "name contains '\\' and the server is not known to be Unix-like", firstUncarried);
        }

        return new DirectoryListing(entries, now);
    }

    /// <summary>
    /// MLSD on pure-ftpd and proftpd says "symlink" without the target; LIST's "name -> target" has it. Fetched only
    /// for a folder that holds such a link, as the link policy needs every target before a link is shown.
    /// </summary>
    private async Task<Dictionary<string, string>?> ListedLinkTargetsAsync(RemotePath directory, FtpListing listing, CancellationToken cancellationToken)
    {
        var needed = false;
        foreach (var entry in listing.Entries)
        {
            needed |= entry is { Type: FtpEntryType.Symlink, SymlinkTarget: null };
        }

        if (!needed)
        {
            return null;
        }

        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = await client.ListLongAsync(map.ToServer(directory), cancellationToken).ConfigureAwait(false);
        foreach (var line in lines.Entries)
        {
            if (line is { Type: FtpEntryType.Symlink, SymlinkTarget: { } target })
            {
                targets[line.Name] = target;
            }
        }

        return targets;
    }
}
