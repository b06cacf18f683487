using System.Globalization;
using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.ListingHost;

/// <summary>
/// A read-only tree that exists only as a rule: the root holds folders f0..f(N-1), folder fK holds
/// <c>fK-entry-000000-of-a-long-file-name.txt</c> and so on, empty files. Nothing is kept between calls, so whatever
/// the process holds after listing is the binding's and libfuse's.
/// </summary>
internal sealed class GeneratedListing(int folders, int namesPerFolder) : IFuseFileSystem
{
    private const string Suffix = "-of-a-long-file-name.txt";
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Init(FuseConnectionInfo connection)
    {
    }

    public void Destroy()
    {
    }

    public int GetAttr(string path, out FuseAttributes attributes, ulong? handle)
    {
        attributes = default;
        if (path == "/" || FolderOf(path) is not null)
        {
            attributes = Attributes(FuseNodeKind.Directory);
            return 0;
        }

        int slash = path.LastIndexOf('/');
        if (slash > 0 && FolderOf(path[..slash]) is { } folder && IsEntry(folder, path[(slash + 1)..]))
        {
            attributes = Attributes(FuseNodeKind.RegularFile);
            return 0;
        }

        return -Errno.ENOENT;
    }

    public int ReadDir(string path, FuseDirectoryFiller filler)
    {
        // As RemoteFuseFileSystem does: the dot entries without attributes, every name with them.
        FuseAttributes directory = Attributes(FuseNodeKind.Directory);
        filler.Add(".");
        filler.Add("..");
        if (path == "/")
        {
            for (int k = 0; k < folders; k++)
            {
                filler.Add("f" + k.ToString(CultureInfo.InvariantCulture), directory);
            }

            return 0;
        }

        if (FolderOf(path) is not { } folder)
        {
            return -Errno.ENOENT;
        }

        FuseAttributes file = Attributes(FuseNodeKind.RegularFile);
        for (int i = 0; i < namesPerFolder; i++)
        {
            if (!filler.Add(string.Create(CultureInfo.InvariantCulture, $"f{folder}-entry-{i:D6}{Suffix}"), file))
            {
                break;
            }
        }

        return 0;
    }

    public int ReadLink(string path, out string target)
    {
        target = string.Empty;
        return -Errno.EINVAL;
    }

    public int Open(string path, ref FuseOpenInfo info) => info.Access == FileAccess.Read ? 0 : -Errno.EROFS;

    public int Create(string path, UnixFileMode mode, ref FuseOpenInfo info) => -Errno.EROFS;

    public int Read(string path, Span<byte> buffer, long offset, FuseOpenInfo info) => 0;

    public int Write(string path, ReadOnlySpan<byte> buffer, long offset, FuseOpenInfo info) => -Errno.EROFS;

    public int Flush(string path, FuseOpenInfo info) => 0;

    public int Release(string path, FuseOpenInfo info) => 0;

    public int Fsync(string path, bool dataOnly, FuseOpenInfo info) => 0;

    public int Truncate(string path, long length, ulong? handle) => -Errno.EROFS;

    public int Unlink(string path) => -Errno.EROFS;

    public int Mkdir(string path, UnixFileMode mode) => -Errno.EROFS;

    public int Rmdir(string path) => -Errno.EROFS;

    public int Rename(string path, string newPath, FuseRenameOptions flags) => -Errno.EROFS;

    public int Utimens(string path, DateTimeOffset? accessTime, DateTimeOffset? modificationTime, ulong? handle) => -Errno.EROFS;

    public int Chmod(string path, UnixFileMode mode, ulong? handle) => -Errno.EROFS;

    public int StatFs(string path, out FuseFileSystemStats stats)
    {
        stats = default;
        return 0;
    }

    private static FuseAttributes Attributes(FuseNodeKind kind) => new()
    {
        Kind = kind,
        Permissions = kind == FuseNodeKind.Directory ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
        AccessTime = Epoch,
        ModificationTime = Epoch,
        ChangeTime = Epoch,
    };

    /// <summary>K for "/fK" with K below the folder count, else null.</summary>
    private int? FolderOf(string path) =>
        path.StartsWith("/f", StringComparison.Ordinal)
        && int.TryParse(path.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int k)
        && k < folders
        && path == "/f" + k.ToString(CultureInfo.InvariantCulture)
            ? k
            : null;

    private bool IsEntry(int folder, string name)
    {
        string prefix = string.Create(CultureInfo.InvariantCulture, $"f{folder}-entry-");
        return name.Length == prefix.Length + 6 + Suffix.Length
            && name.StartsWith(prefix, StringComparison.Ordinal)
            && name.EndsWith(Suffix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length, 6), NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && i < namesPerFolder;
    }
}
