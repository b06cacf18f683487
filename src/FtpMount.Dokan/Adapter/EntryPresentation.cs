using FtpMount.Core;
using FtpMount.Core.Entries;
using FtpMount.Core.Paths;

namespace FtpMount.Dokan.Adapter;

/// <summary>
/// How remote entries look to Windows. FTP keeps one time per entry, so creation, access and write time are all
/// the modification time; files are NORMAL (READONLY on a read-only mount), folders DIRECTORY. Symbolic links are
/// shown as what the server serves through them, files, since the server follows them on RETR.
/// </summary>
internal static class EntryPresentation
{
    public static FileAttributes AttributesOf(RemoteEntry entry, bool readOnly) => entry.IsDirectory
        ? FileAttributes.Directory
        : readOnly ? FileAttributes.ReadOnly : FileAttributes.Normal;

    public static DokanFindData FindDataOf(RemoteEntry entry, string name, bool readOnly) =>
        new(name, AttributesOf(entry, readOnly), entry.Modified, entry.Modified, entry.Modified, SizeOf(entry));

    public static DokanFileInformation InformationOf(RemoteEntry entry, RemotePath path, bool readOnly, uint volumeSerial) => new(
        AttributesOf(entry, readOnly),
        entry.Modified,
        entry.Modified,
        entry.Modified,
        SizeOf(entry),
        FileIndexOf(path),
        volumeSerial);

    /// <summary>
    /// What Windows is told of the size. A file the server gave no size for shows 0 in a folder listing; opening it
    /// makes the size known first (<see cref="RemoteFileSystem.EnsureSizeKnownAsync"/>), as the cache manager reads
    /// no further than the size it was told.
    /// </summary>
    public static long SizeOf(RemoteEntry entry) => entry.IsDirectory ? 0 : entry.Size ?? 0;

    /// <summary>
    /// Whether Windows can show the name at all: FindFiles must not list a name no Windows call could open
    /// (one with <c>\ / : * ? " &lt; &gt; |</c> or a control character, a trailing dot or space, or longer than MAX_PATH allows).
    /// </summary>
    public static bool IsRepresentable(string name)
    {
        if (name.Length == 0 || name.Length > 255 || name[^1] is '.' or ' ')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c < ' ' || c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A stable 64-bit id per path (FNV-1a), which tools use to tell whether two names are one file.</summary>
    public static ulong FileIndexOf(RemotePath path)
    {
        ulong hash = 14695981039346656037;
        foreach (var c in path.Value)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return hash;
    }

    public static DokanDiskSpace DiskSpace()
    {
        var stats = RemoteFileSystem.GetStats();
        var total = (ulong)(stats.TotalBlocks * stats.BlockSize);
        var free = (ulong)(stats.FreeBlocks * stats.BlockSize);
        return new DokanDiskSpace(free, total, free);
    }
}
