using FtpMount.Ftp.Listing;

namespace FtpMount.Core.Entries;

/// <summary>What the filesystem knows of one name: its kind, size, modification time, mode and link target.</summary>
public sealed record RemoteEntry(string Name, EntryKind Kind, long Size, DateTimeOffset Modified, int? Mode, string? SymlinkTarget)
{
    /// <summary>
    /// The mode bits a mount ever shows or sends: rwx for owner, group and others. Setuid, setgid and sticky from a
    /// server have no legitimate use on a mount and would let a hostile server hand out root (a listed
    /// <c>UNIX.mode=4755</c> on a <c>suid</c> mount), so they are dropped wherever a mode enters the core.
    /// </summary>
    public const int PermissionBits = 0x1FF;

    public bool IsDirectory => Kind == EntryKind.Directory;

    public static RemoteEntry RootDirectory(DateTimeOffset now) => new(string.Empty, EntryKind.Directory, 0, now, null, null);

    /// <summary>Converts a listing line; entries without a time get <paramref name="fallbackTime"/> (the listing time).</summary>
    public static RemoteEntry From(FtpListEntry entry, DateTimeOffset fallbackTime) => new(
        entry.Name,
        entry.Type switch
        {
            FtpEntryType.File => EntryKind.File,
            FtpEntryType.Directory => EntryKind.Directory,
            FtpEntryType.Symlink => EntryKind.Symlink,
            _ => EntryKind.Other,
        },
        entry.Size ?? 0,
        entry.Modified ?? fallbackTime,
        entry.UnixMode & PermissionBits,
        entry.SymlinkTarget);
}
