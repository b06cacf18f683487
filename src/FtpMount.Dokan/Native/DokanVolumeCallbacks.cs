using System.Runtime.InteropServices;
using static FtpMount.Dokan.Native.DokanDispatch;

namespace FtpMount.Dokan.Native;

/// <summary>
/// The volume's callbacks: free space, volume information, mounted, unmounted. They get no context. The two queries
/// are requests and keep themselves alive like the others; Mounted and Unmounted are the library's own calls, made
/// with a DOKAN_FILE_INFO of its stack that no request stands behind (dokan/dokan.c, dokan/mount.c): its
/// DokanContext is null, which DokanResetTimeout would dereference (dokan/timeout.c).
/// </summary>
internal static unsafe class DokanVolumeCallbacks
{
    [UnmanagedCallersOnly]
    public static int GetDiskFreeSpace(ulong* freeBytesAvailable, ulong* totalNumberOfBytes, ulong* totalNumberOfFreeBytes, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            var status = host.FileSystem.GetDiskFreeSpace(out var space, DokanMarshal.ToManaged(info));
            if (status == NtStatus.Success)
            {
                *freeBytesAvailable = space.FreeBytesAvailable;
                *totalNumberOfBytes = space.TotalNumberOfBytes;
                *totalNumberOfFreeBytes = space.TotalNumberOfFreeBytes;
            }

            return (int)status;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int GetVolumeInformation(
        char* volumeNameBuffer, uint volumeNameSize, uint* volumeSerialNumber, uint* maximumComponentLength, uint* fileSystemFlags,
        char* fileSystemNameBuffer, uint fileSystemNameSize, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            var status = host.FileSystem.GetVolumeInformation(out var volume, DokanMarshal.ToManaged(info));
            if (status == NtStatus.Success)
            {
                DokanMarshal.CopyTerminated(volume.VolumeLabel, volumeNameBuffer, volumeNameSize);
                *volumeSerialNumber = volume.SerialNumber;
                *maximumComponentLength = (uint)volume.MaximumComponentLength;
                *fileSystemFlags = (uint)volume.Features;
                DokanMarshal.CopyTerminated(volume.FileSystemName, fileSystemNameBuffer, fileSystemNameSize);
            }

            return (int)status;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Mounted(char* mountPoint, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            var point = DokanMarshal.PathOf(mountPoint);
            host.OnMounted(point);
            return (int)host.FileSystem.Mounted(point, DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Unmounted(DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            return (int)host.FileSystem.Unmounted(DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }
}
