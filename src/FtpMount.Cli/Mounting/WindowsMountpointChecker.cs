using FtpMount.Cli.Options;
using FtpMount.Dokan;

namespace FtpMount.Cli.Mounting;

/// <summary>
/// The Windows counterpart of <see cref="MountpointChecker"/> (there is no mountinfo to read): a drive letter must be
/// free; a folder must exist, be empty (Dokan mounts only on an empty NTFS folder) and be short enough for Dokan.
/// </summary>
internal sealed class WindowsMountpointChecker(Func<char, bool> driveInUse)
{
    /// <summary>A drive letter is in use when its root is reachable (disk, network share, another mount).</summary>
    public static WindowsMountpointChecker ForThisMachine() => new(letter => Directory.Exists($"{letter}:\\"));

    /// <summary>Throws <see cref="MountpointException"/> with one sentence saying what is wrong and what to do.</summary>
    public void Check(string mountPoint, bool networkDrive)
    {
        ArgumentNullException.ThrowIfNull(mountPoint);
        if (WindowsMountPoint.IsDriveLetter(mountPoint))
        {
            var letter = char.ToUpperInvariant(mountPoint[0]);
            if (driveInUse(letter))
            {
                throw new MountpointException($"Drive {letter}: is already in use; pick a free drive letter.");
            }

            return;
        }

        if (networkDrive)
        {
            throw new MountpointException($"Option network needs a drive letter (like Z:) as mount point, not {mountPoint}.");
        }

        if (mountPoint.Length > DokanMountOptions.MaximumFolderLength)
        {
            throw new MountpointException(
                $"Mount point {mountPoint} has {mountPoint.Length} characters; Dokan mounts on a folder of at most " +
                $"{DokanMountOptions.MaximumFolderLength}. Pick a shorter path.");
        }

        if (!Directory.Exists(mountPoint))
        {
            throw new MountpointException(File.Exists(mountPoint)
                ? $"Mount point {mountPoint} is not a folder."
                : $"Mount point {mountPoint} does not exist; create an empty folder there first.");
        }

        if (Directory.EnumerateFileSystemEntries(mountPoint).Any())
        {
            throw new MountpointException($"Mount point {mountPoint} is not empty; Dokan mounts only on an empty folder.");
        }
    }
}
