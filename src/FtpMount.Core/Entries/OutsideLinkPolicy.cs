namespace FtpMount.Core.Entries;

/// <summary>What a mount shows for a server symlink whose target leads outside the mount (or is not listed).</summary>
public enum OutsideLinkPolicy
{
    /// <summary>A file with no permissions that cannot be opened: the name stays visible, so it can be removed or renamed.</summary>
    Block,

    /// <summary>Left out of listings, as if it were not there.</summary>
    Hide,
}
