using FtpMount.Cli.Native;

namespace FtpMount.Cli.Mounting;

/// <summary>
/// Checks a mount point before anything else happens (and before daemonizing), so the user sees the problem at once:
/// it must exist, be a directory, and not be a mount point already.
/// </summary>
internal sealed class MountpointChecker(string mountInfoPath = MountTable.SelfMountInfo)
{
    /// <summary>Throws <see cref="MountpointException"/> with one sentence saying what is wrong and what to do.</summary>
    public void Check(string mountPoint)
    {
        ArgumentNullException.ThrowIfNull(mountPoint);
        var mounts = MountTable.Read(mountInfoPath);

        // First by the name as given: a dead FUSE mount fails stat() with ENOTCONN, and would look "missing".
        ThrowIfMounted(mounts, mountPoint);
        if (!Directory.Exists(mountPoint))
        {
            throw new MountpointException(File.Exists(mountPoint)
                ? $"Mount point {mountPoint} is not a directory."
                : $"Mount point {mountPoint} does not exist; create it first (mkdir -p {mountPoint}).");
        }

        // mountinfo lists canonical paths; a mount point reached through a symlink must be compared by its target.
        if (!OperatingSystem.IsWindows() && LibC.RealPath(mountPoint) is { } canonical && canonical != mountPoint)
        {
            ThrowIfMounted(mounts, canonical);
        }
    }

    private static void ThrowIfMounted(IReadOnlyList<MountEntry> mounts, string path)
    {
        if (MountTable.Find(mounts, path) is { } entry)
        {
            throw new MountpointException(
                $"Mount point {path} is busy: {entry.FileSystemType} from {entry.Source} is already mounted there" +
                (entry.FileSystemType.StartsWith("fuse", StringComparison.Ordinal) ? $"; unmount it first (ftpmount unmount {path})." : "."));
        }
    }
}
