using FtpMount.Ftp.Listing;

namespace FtpMount.Core.Entries;

/// <summary>What the filesystem knows of one name: its kind, size, modification time, mode and link target.</summary>
/// <param name="Size">
/// Bytes, as the server gave them; null when it did not (RFC 3659 makes every MLSD fact optional). Unknown is never
/// 0: reads go to the end of the transfer, changes start from the whole old content, and SIZE is asked where it
/// matters (<see cref="SizeResolver"/>).
/// </param>
public sealed record RemoteEntry(string Name, EntryKind Kind, long? Size, DateTimeOffset Modified, int? Mode, string? SymlinkTarget)
{
    /// <summary>
    /// The mode bits a mount ever shows or sends: rwx for owner, group and others. Setuid, setgid and sticky from a
    /// server have no legitimate use on a mount and would let a hostile server hand out root (a listed
    /// <c>UNIX.mode=4755</c> on a <c>suid</c> mount), so they are dropped wherever a mode enters the core.
    /// </summary>
    public const int PermissionBits = 0x1FF;

    public bool IsDirectory => Kind == EntryKind.Directory;

    /// <summary>A file whose size the server did not give.</summary>
    public bool HasUnknownSize => Kind == EntryKind.File && Size is null;

    public static RemoteEntry RootDirectory(DateTimeOffset modified) => new(string.Empty, EntryKind.Directory, 0, modified, null, null);

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
        entry.Size,
        entry.Modified ?? fallbackTime,
        entry.UnixMode & PermissionBits,
        entry.SymlinkTarget);
}
