using System.Globalization;

namespace FtpMount.Fuse.Kernel;

/// <summary>
/// Raises the kernel's read-ahead for one FUSE mount. The kernel starts every FUSE mount's backing device at its
/// default of 128 KiB and only lets the INIT reply lower it (fs/fuse/inode.c takes the minimum), so buffered
/// sequential reads arrive as 128 KiB requests whatever max_write allows. The per-mount device's
/// read_ahead_kb in sysfs is the one place to raise it; only root may write there.
/// </summary>
internal static class KernelReadAhead
{
    /// <summary>Sets read_ahead_kb of the mount's device; returns null, or why it could not.</summary>
    /// <remarks>Call only after INIT was answered: the INIT reply would otherwise lower the value again.</remarks>
    internal static string? TrySet(string mountPoint, int kibibytes)
    {
        try
        {
            string? device = MountDevice.Find(File.ReadAllText(MountDevice.SelfMountInfo), Path.TrimEndingDirectorySeparator(mountPoint));
            if (device is null)
            {
                return $"no FUSE mount on {mountPoint} in {MountDevice.SelfMountInfo}";
            }

            File.WriteAllText(
                Path.Combine("/sys/class/bdi", device, "read_ahead_kb"),
                kibibytes.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
