namespace FtpMount.Core.Entries;

public enum EntryKind
{
    File,
    Directory,
    Symlink,
    Other,

    /// <summary>A server symlink whose target leads outside the mount: shown as a file that cannot be opened.</summary>
    BlockedLink,
}
