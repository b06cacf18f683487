using System.Security.Cryptography;
using System.Text;

namespace FtpMount.Core.Spool;

/// <summary>
/// The part of the spool folder that belongs to one source (user, host, port and server root): a subfolder named by
/// a hash of that identity, mode 0700, locked for as long as one mount uses it.
/// </summary>
/// <remarks>
/// Two mounts may name the same <c>spool_dir=</c>. Mounts of different sources or folders then get different
/// subfolders and never see each other's journal; a second mount of the same source and folder is refused while
/// the first runs (the lock), because it could not tell its own pending uploads from the first one's, and a file
/// still open in one must never be replayed by the other. The lock is .NET's FileShare.None, which is flock(2)
/// LOCK_EX|LOCK_NB on Unix: the kernel drops it when the process dies, so a killed mount never blocks the next.
/// </remarks>
public sealed class SpoolFolder : IDisposable
{
    private const string LockName = "lock";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly FileStream _lock;
    private int _disposed;

    private SpoolFolder(string path, string sourceIdentity, FileStream lockFile)
    {
        FullPath = path;
        SourceIdentity = sourceIdentity;
        _lock = lockFile;
    }

    /// <summary>The subfolder of this source; every spool, journal entry and record of this mount lives here.</summary>
    public string FullPath { get; }

    /// <summary><c>user@host:port/root</c>: which server folder the journal entries here belong to.</summary>
    public string SourceIdentity { get; }

    /// <summary>The subfolder's name for a source: the first 16 hex digits of the SHA-256 of its identity.</summary>
    public static string SubfolderName(string sourceIdentity) =>
        "source-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceIdentity)))[..16];

    /// <summary>
    /// Checks, before anything is mounted, that <paramref name="spoolDirectory"/> can hold spools: creates it (0700)
    /// when missing; refuses a file, a folder we cannot write, or one others may write without the sticky bit.
    /// </summary>
    public static void CheckUsable(string spoolDirectory)
    {
        if (File.Exists(spoolDirectory))
        {
            throw new SpoolFolderException($"{spoolDirectory} is a file, not a folder.");
        }

        try
        {
            if (!Directory.Exists(spoolDirectory))
            {
                CreatePrivateDirectory(spoolDirectory);
            }

            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(spoolDirectory);
                if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0 && (mode & UnixFileMode.StickyBit) == 0)
                {
                    // Others could rename or replace our private subfolder in it.
                    throw new SpoolFolderException(
                        $"{spoolDirectory} is writable by other users (mode {Convert.ToString((int)mode, 8)}) without the sticky bit.");
                }
            }

            var probe = Path.Combine(spoolDirectory, $".ftpmount-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (CreateFile(probe))
            {
            }

            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpoolFolderException($"{spoolDirectory} cannot be used: {e.Message}", e);
        }
    }

    /// <summary>Creates or checks the subfolder of <paramref name="sourceIdentity"/> and locks it for this mount.</summary>
    public static SpoolFolder Open(string spoolDirectory, string sourceIdentity)
    {
        CheckUsable(spoolDirectory);
        var path = Path.Combine(spoolDirectory, SubfolderName(sourceIdentity));
        try
        {
            var info = new DirectoryInfo(path);
            if (info.Exists && info.LinkTarget is not null)
            {
                throw new SpoolFolderException($"{path} is a symbolic link; the spool folder of a source must be a real folder.");
            }

            if (!info.Exists)
            {
                CreatePrivateDirectory(path);
            }
            else if (!OperatingSystem.IsWindows())
            {
                // chmod(2) succeeds for the owner only: a folder someone else planted here is refused, ours is made private.
                File.SetUnixFileMode(path, Private);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpoolFolderException($"{path} cannot be used as this source's spool folder: {e.Message}", e);
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            return new SpoolFolder(path, sourceIdentity, new FileStream(Path.Combine(path, LockName), options));
        }
        catch (IOException e)
        {
            throw new SpoolFolderException(
                $"The spool folder {spoolDirectory} is in use by another running ftpmount of the same server folder ({sourceIdentity}); " +
                "give each mount of it its own spool_dir=.",
                e);
        }
    }

    /// <summary>A new file in this folder: 0600, created exclusively, so a name that exists (or a planted link) fails.</summary>
    public FileStream CreateNew(string name, FileOptions options = FileOptions.None) => CreateFile(Path.Combine(FullPath, name), options);

    public string PathOf(string name) => Path.Combine(FullPath, name);

    /// <summary>Makes renames and new names in this folder durable.</summary>
    public void Sync() => SpoolNative.SyncDirectory(FullPath);

    private static FileStream CreateFile(string path, FileOptions options = FileOptions.None)
    {
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.Read, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = PrivateFile;
        }

        return new FileStream(path, create);
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, Private);
        // The process umask may have taken bits away, never added any; set exactly 0700 all the same.
        File.SetUnixFileMode(path, Private);
    }

    /// <summary>Releases the lock; a subfolder with nothing pending in it is removed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (Directory.EnumerateFileSystemEntries(FullPath).All(e => Path.GetFileName(e) == LockName))
            {
                // Deleted while still holding the lock, so no other mount of this source can be using it.
                File.Delete(Path.Combine(FullPath, LockName));
                Directory.Delete(FullPath);
            }
        }
        catch (IOException)
        {
            // Something arrived meanwhile: it stays for the next mount.
        }
        finally
        {
            _lock.Dispose();
        }
    }
}
