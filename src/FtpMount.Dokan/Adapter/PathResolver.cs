using FtpMount.Core;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Paths;

namespace FtpMount.Dokan.Adapter;

/// <summary>
/// Windows looks names up ignoring case; FTP servers compare them exactly. Each name is matched in its parent's
/// listing: the exact spelling first, else the one entry equal ignoring case. Two or more such entries and no
/// exact one (README, readme) is ambiguous: the name is taken as typed, so it is "not found" rather than a guess.
/// </summary>
internal sealed class PathResolver(RemoteFileSystem core)
{
    public async Task<ResolvedPath> ResolveAsync(string[] segments, RemotePath? renameSource, CancellationToken cancellationToken)
    {
        if (segments.Length == 0)
        {
            return new ResolvedPath(RemotePath.Root, await core.GetEntryAsync(RemotePath.Root, cancellationToken).ConfigureAwait(false), true);
        }

        // The common case costs one lookup (MLST, or the cached parent listing): the name as typed exists.
        var exact = WindowsPath.Combine(RemotePath.Root, segments);
        if (await TryGetEntryAsync(exact, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return new ResolvedPath(exact, found, true);
        }

        var current = RemotePath.Root;
        for (int i = 0; i < segments.Length; i++)
        {
            bool last = i == segments.Length - 1;
            IReadOnlyList<RemoteEntry> listing;
            try
            {
                listing = await core.ListAsync(current, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteFsException e) when (e.Error is FsError.NotFound or FsError.NotDirectory)
            {
                return new ResolvedPath(WindowsPath.Combine(current, segments.AsSpan(i)), null, false);
            }

            // A case-only rename (a.txt -> A.TXT) must not find its own source as the "existing" target.
            var match = Match(listing, segments[i], current, last ? renameSource : null);
            if (match is null)
            {
                return new ResolvedPath(WindowsPath.Combine(current, segments.AsSpan(i)), null, last);
            }

            current = current.Combine(match.Name);
            if (last)
            {
                return new ResolvedPath(current, match, true);
            }

            if (match.Kind is not (EntryKind.Directory or EntryKind.Symlink))
            {
                return new ResolvedPath(WindowsPath.Combine(current, segments.AsSpan(i + 1)), null, false);
            }
        }

        return new ResolvedPath(current, null, false);
    }

    /// <summary>The entry <paramref name="name"/> means in <paramref name="directory"/>; <paramref name="ignore"/> never matches by folding case.</summary>
    private static RemoteEntry? Match(IReadOnlyList<RemoteEntry> listing, string name, RemotePath directory, RemotePath? ignore)
    {
        RemoteEntry? folded = null;
        int foldedCount = 0;
        foreach (var entry in listing)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                return entry;
            }

            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase)
                && !(ignore is not null && ignore.Parent.Equals(directory) && ignore.Name == entry.Name))
            {
                folded = entry;
                foldedCount++;
            }
        }

        return foldedCount == 1 ? folded : null;
    }

    private async Task<RemoteEntry?> TryGetEntryAsync(RemotePath path, CancellationToken cancellationToken)
    {
        try
        {
            return await core.GetEntryAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteFsException e) when (e.Error is not (FsError.TimedOut or FsError.IoError or FsError.Busy))
        {
            // Without MLST a lookup lists the parent, and servers refuse listing a missing folder with anything from
            // 450 to 550 "permission denied": the walk from the root tells which name is missing.
            return null;
        }
    }
}
