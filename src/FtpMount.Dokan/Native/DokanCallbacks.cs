
namespace FtpMount.Dokan.Native;

/// <summary>The DOKAN_OPERATIONS table FtpMount hands to DokanCreateFileSystem.</summary>
internal static unsafe class DokanCallbacks
{
    /// <summary>
    /// Every slot FtpMount serves. Left null: LockFile/UnlockFile (no DOKAN_OPTION_FILELOCK_USER_MODE: the driver
    /// keeps locks), GetFileSecurity/SetFileSecurity (the library then builds a descriptor for the mounting user;
    /// FTP has no ACLs) and FindStreams (no DOKAN_OPTION_ALT_STREAM).
    /// </summary>
    public static DOKAN_OPERATIONS CreateOperations() => new()
    {
        ZwCreateFile = &DokanFileCallbacks.ZwCreateFile,
        Cleanup = &DokanFileCallbacks.Cleanup,
        CloseFile = &DokanFileCallbacks.CloseFile,
        ReadFile = &DokanFileCallbacks.ReadFile,
        WriteFile = &DokanFileCallbacks.WriteFile,
        FlushFileBuffers = &DokanFileCallbacks.FlushFileBuffers,
        GetFileInformation = &DokanNamespaceCallbacks.GetFileInformation,
        FindFiles = &DokanNamespaceCallbacks.FindFiles,
        FindFilesWithPattern = &DokanNamespaceCallbacks.FindFilesWithPattern,
        SetFileAttributes = &DokanNamespaceCallbacks.SetFileAttributes,
        SetFileTime = &DokanNamespaceCallbacks.SetFileTime,
        DeleteFile = &DokanNamespaceCallbacks.DeleteFile,
        DeleteDirectory = &DokanNamespaceCallbacks.DeleteDirectory,
        MoveFile = &DokanNamespaceCallbacks.MoveFile,
        SetEndOfFile = &DokanFileCallbacks.SetEndOfFile,
        SetAllocationSize = &DokanFileCallbacks.SetAllocationSize,
        GetDiskFreeSpace = &DokanVolumeCallbacks.GetDiskFreeSpace,
        GetVolumeInformation = &DokanVolumeCallbacks.GetVolumeInformation,
        Mounted = &DokanVolumeCallbacks.Mounted,
        Unmounted = &DokanVolumeCallbacks.Unmounted,
    };
}
