using System.Runtime.InteropServices;
using static FtpMount.Dokan.Native.DokanDispatch;

namespace FtpMount.Dokan.Native;

/// <summary>
/// The callbacks about names and metadata: information, listing, attributes, times, delete checks, move. Each one
/// keeps its request alive at the driver while it runs (<see cref="RequestKeepAlive"/>).
/// </summary>
internal static unsafe class DokanNamespaceCallbacks
{
    [UnmanagedCallersOnly]
    public static int GetFileInformation(char* fileName, BY_HANDLE_FILE_INFORMATION* buffer, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            var status = host.FileSystem.GetFileInformation(DokanMarshal.PathOf(fileName), out var information, DokanMarshal.ToManaged(info));
            if (status == NtStatus.Success)
            {
                DokanMarshal.Fill(information, buffer);
            }

            return (int)status;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int FindFiles(char* fileName, delegate* unmanaged<WIN32_FIND_DATAW*, DOKAN_FILE_INFO*, int> fillFindData, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            var status = host.FileSystem.FindFiles(DokanMarshal.PathOf(fileName), out var entries, DokanMarshal.ToManaged(info));
            return (int)Fill(status, entries, fillFindData, info);
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int FindFilesWithPattern(
        char* pathName, char* searchPattern, delegate* unmanaged<WIN32_FIND_DATAW*, DOKAN_FILE_INFO*, int> fillFindData, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            var pattern = searchPattern == null ? "*" : new string(searchPattern);
            var status = host.FileSystem.FindFilesWithPattern(DokanMarshal.PathOf(pathName), pattern, out var entries, DokanMarshal.ToManaged(info));
            return (int)Fill(status, entries, fillFindData, info);
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int SetFileAttributes(char* fileName, uint fileAttributes, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            return (int)host.FileSystem.SetFileAttributes(DokanMarshal.PathOf(fileName), (FileAttributes)fileAttributes, DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int SetFileTime(char* fileName, FILETIME* creationTime, FILETIME* lastAccessTime, FILETIME* lastWriteTime, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            return (int)host.FileSystem.SetFileTime(
                DokanMarshal.PathOf(fileName), FILETIME.Requested(creationTime), FILETIME.Requested(lastAccessTime), FILETIME.Requested(lastWriteTime),
                DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int DeleteFile(char* fileName, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            return (int)host.FileSystem.DeleteFile(DokanMarshal.PathOf(fileName), DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int DeleteDirectory(char* fileName, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            return (int)host.FileSystem.DeleteDirectory(DokanMarshal.PathOf(fileName), DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int MoveFile(char* fileName, char* newFileName, int replaceIfExisting, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            return (int)host.FileSystem.MoveFile(
                DokanMarshal.PathOf(fileName), DokanMarshal.PathOf(newFileName), replaceIfExisting != 0, DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    private static NtStatus Fill(
        NtStatus status, IReadOnlyList<DokanFindData> entries, delegate* unmanaged<WIN32_FIND_DATAW*, DOKAN_FILE_INFO*, int> fillFindData, DOKAN_FILE_INFO* info)
    {
        if (status != NtStatus.Success)
        {
            return status;
        }

        WIN32_FIND_DATAW data;
        foreach (var entry in entries)
        {
            DokanMarshal.Fill(entry, &data);

            // dokan.h: FillFindData returns 1 when the buffer is full (it currently never does).
            if (fillFindData(&data, info) != 0)
            {
                return NtStatus.BufferOverflow;
            }
        }

        return NtStatus.Success;
    }
}
