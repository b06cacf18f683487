using FtpMount.Core.Paths;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Entries;

/// <summary>
/// Applies the symlink policy to listed entries: a link whose target stays in the mount is shown with that target
/// made relative (<see cref="MountLinkTarget"/>); any other link, including one whose target the server does not
/// show, is blocked or hidden (<see cref="OutsideLinkPolicy"/>). Every entry the core hands out passes here, so
/// neither adapter ever sees a target that leaves the mount.
/// </summary>
internal sealed class LinkPresenter(ServerPathMap map, OutsideLinkPolicy policy, ILogger logger)
{
    /// <summary>The entry as the mount shows it; null when it is hidden.</summary>
    public RemoteEntry? Present(RemoteEntry entry, RemotePath directory)
    {
        if (entry.Kind != EntryKind.Symlink)
        {
            return entry;
        }

        var target = entry.SymlinkTarget is { } listed ? MountLinkTarget.Map(listed, directory.Combine(entry.Name), map) : null;
        if (target is not null)
        {
            return entry with { SymlinkTarget = target };
        }

        FsLog.LinkOutsideMount(logger, directory.Value, entry.Name, policy.ToString());
        return policy == OutsideLinkPolicy.Hide
            ? null
            : entry with { Kind = EntryKind.BlockedLink, Size = 0, Mode = 0, SymlinkTarget = null };
    }
}
