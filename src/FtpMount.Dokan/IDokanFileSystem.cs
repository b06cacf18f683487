namespace FtpMount.Dokan;

/// <summary>
/// A file system served through Dokan, one method per <c>DOKAN_OPERATIONS</c> callback that FtpMount fills,
/// with managed arguments only. Paths are Windows paths within the volume ("\", "\dir\file"); methods return an
/// <see cref="NtStatus"/> and must not throw (the host answers an exception with STATUS_UNEXPECTED_IO_ERROR).
/// </summary>
/// <remarks>
/// Calls arrive concurrently on Dokan's threads. The lifetime of one open: <see cref="CreateFile"/> (stores
/// <see cref="DokanFileInfo.Context"/>), any calls, <see cref="Cleanup"/> when the last user handle closes (the
/// place to delete when <see cref="DokanFileInfo.DeletePending"/>), paging reads and writes possibly still after
/// that, then <see cref="CloseFile"/> when the kernel drops its last reference. <see cref="DeleteFile"/> and
/// <see cref="DeleteDirectory"/> only decide whether deleting is allowed.
/// </remarks>
public interface IDokanFileSystem
{
    /// <summary>
    /// Opens or creates <paramref name="fileName"/>. When OPEN_ALWAYS or CREATE_ALWAYS opened an existing object, the
    /// answer is <see cref="NtStatus.ObjectNameCollision"/>, which Dokan reports to the caller as success ("opened").
    /// </summary>
    NtStatus CreateFile(
        string fileName, DokanAccessMask desiredAccess, FileAttributes fileAttributes, FileShare shareAccess,
        CreationDisposition disposition, CreateOptions options, DokanFileInfo info);

    void Cleanup(string fileName, DokanFileInfo info);

    void CloseFile(string fileName, DokanFileInfo info);

    NtStatus ReadFile(string fileName, Span<byte> buffer, out int bytesRead, long offset, DokanFileInfo info);

    NtStatus WriteFile(string fileName, ReadOnlySpan<byte> buffer, out int bytesWritten, long offset, DokanFileInfo info);

    NtStatus FlushFileBuffers(string fileName, DokanFileInfo info);

    NtStatus GetFileInformation(string fileName, out DokanFileInformation information, DokanFileInfo info);

    NtStatus FindFiles(string fileName, out IReadOnlyList<DokanFindData> entries, DokanFileInfo info);

    /// <summary>Like <see cref="FindFiles"/>, filtered by an MS-DOS expression (<c>*</c>, <c>?</c>, <c>&lt;</c>, <c>&gt;</c>, <c>"</c>), case-insensitively.</summary>
    NtStatus FindFilesWithPattern(string fileName, string searchPattern, out IReadOnlyList<DokanFindData> entries, DokanFileInfo info);

    NtStatus SetFileAttributes(string fileName, FileAttributes attributes, DokanFileInfo info);

    /// <summary>Null means "leave unchanged".</summary>
    NtStatus SetFileTime(string fileName, DateTimeOffset? creationTime, DateTimeOffset? lastAccessTime, DateTimeOffset? lastWriteTime, DokanFileInfo info);

    NtStatus DeleteFile(string fileName, DokanFileInfo info);

    NtStatus DeleteDirectory(string fileName, DokanFileInfo info);

    NtStatus MoveFile(string fileName, string newFileName, bool replaceIfExisting, DokanFileInfo info);

    NtStatus SetEndOfFile(string fileName, long length, DokanFileInfo info);

    NtStatus SetAllocationSize(string fileName, long length, DokanFileInfo info);

    NtStatus GetDiskFreeSpace(out DokanDiskSpace space, DokanFileInfo info);

    NtStatus GetVolumeInformation(out DokanVolumeInformation volume, DokanFileInfo info);

    /// <summary>The volume is mounted at <paramref name="mountPoint"/> (the mount manager may have picked another letter).</summary>
    NtStatus Mounted(string mountPoint, DokanFileInfo info);

    NtStatus Unmounted(DokanFileInfo info);
}
