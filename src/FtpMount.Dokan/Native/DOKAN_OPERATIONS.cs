using System.Runtime.InteropServices;

namespace FtpMount.Dokan.Native;

/// <summary>
/// <c>struct _DOKAN_OPERATIONS</c>, dokan/dokan.h of Dokan 2.3.1, from l.256: 25 callbacks, all
/// <c>DOKAN_CALLBACK</c> (= <c>__stdcall</c>, the platform default that <c>delegate* unmanaged</c> uses), in the
/// header's order. x64: 25 × 8 = 200 bytes. C types: <c>LPCWSTR</c> → <c>char*</c>, <c>DWORD</c>/<c>ULONG</c>/
/// <c>ACCESS_MASK</c> → <c>uint</c>, <c>LONGLONG</c> → <c>long</c>, <c>BOOL</c> → <c>int</c>, <c>NTSTATUS</c> →
/// <c>int</c>. A null slot is answered by the library (STATUS_NOT_IMPLEMENTED or its own default).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DOKAN_OPERATIONS
{
    internal const int Size = 25 * 8;

    /// <summary>(FileName, PDOKAN_IO_SECURITY_CONTEXT, DesiredAccess, FileAttributes, ShareAccess, CreateDisposition, CreateOptions, info).</summary>
    internal delegate* unmanaged<char*, void*, uint, uint, uint, uint, uint, DOKAN_FILE_INFO*, int> ZwCreateFile;

    internal delegate* unmanaged<char*, DOKAN_FILE_INFO*, void> Cleanup;

    internal delegate* unmanaged<char*, DOKAN_FILE_INFO*, void> CloseFile;

    /// <summary>(FileName, Buffer, BufferLength, LPDWORD ReadLength, Offset, info).</summary>
    internal delegate* unmanaged<char*, void*, uint, uint*, long, DOKAN_FILE_INFO*, int> ReadFile;

    /// <summary>(FileName, Buffer, NumberOfBytesToWrite, LPDWORD NumberOfBytesWritten, Offset, info).</summary>
    internal delegate* unmanaged<char*, void*, uint, uint*, long, DOKAN_FILE_INFO*, int> WriteFile;

    internal delegate* unmanaged<char*, DOKAN_FILE_INFO*, int> FlushFileBuffers;

    internal delegate* unmanaged<char*, BY_HANDLE_FILE_INFORMATION*, DOKAN_FILE_INFO*, int> GetFileInformation;

    /// <summary>(FileName, PFillFindData, info); <c>PFillFindData</c> is <c>int (WINAPI*)(PWIN32_FIND_DATAW, PDOKAN_FILE_INFO)</c>.</summary>
    internal delegate* unmanaged<char*, delegate* unmanaged<WIN32_FIND_DATAW*, DOKAN_FILE_INFO*, int>, DOKAN_FILE_INFO*, int> FindFiles;

    /// <summary>(PathName, SearchPattern, PFillFindData, info).</summary>
    internal delegate* unmanaged<char*, char*, delegate* unmanaged<WIN32_FIND_DATAW*, DOKAN_FILE_INFO*, int>, DOKAN_FILE_INFO*, int> FindFilesWithPattern;

    internal delegate* unmanaged<char*, uint, DOKAN_FILE_INFO*, int> SetFileAttributes;

    /// <summary>(FileName, CreationTime, LastAccessTime, LastWriteTime, info); each FILETIME pointer may be null.</summary>
    internal delegate* unmanaged<char*, FILETIME*, FILETIME*, FILETIME*, DOKAN_FILE_INFO*, int> SetFileTime;

    internal delegate* unmanaged<char*, DOKAN_FILE_INFO*, int> DeleteFile;

    internal delegate* unmanaged<char*, DOKAN_FILE_INFO*, int> DeleteDirectory;

    /// <summary>(FileName, NewFileName, BOOL ReplaceIfExisting, info).</summary>
    internal delegate* unmanaged<char*, char*, int, DOKAN_FILE_INFO*, int> MoveFile;

    internal delegate* unmanaged<char*, long, DOKAN_FILE_INFO*, int> SetEndOfFile;

    internal delegate* unmanaged<char*, long, DOKAN_FILE_INFO*, int> SetAllocationSize;

    /// <summary>Only called with DOKAN_OPTION_FILELOCK_USER_MODE, which we do not set: the driver keeps byte-range locks.</summary>
    internal delegate* unmanaged<char*, long, long, DOKAN_FILE_INFO*, int> LockFile;

    internal delegate* unmanaged<char*, long, long, DOKAN_FILE_INFO*, int> UnlockFile;

    /// <summary>(PULONGLONG FreeBytesAvailable, TotalNumberOfBytes, TotalNumberOfFreeBytes, info).</summary>
    internal delegate* unmanaged<ulong*, ulong*, ulong*, DOKAN_FILE_INFO*, int> GetDiskFreeSpace;

    /// <summary>(VolumeNameBuffer, VolumeNameSize, VolumeSerialNumber*, MaximumComponentLength*, FileSystemFlags*, FileSystemNameBuffer, FileSystemNameSize, info).</summary>
    internal delegate* unmanaged<char*, uint, uint*, uint*, uint*, char*, uint, DOKAN_FILE_INFO*, int> GetVolumeInformation;

    /// <summary>(MountPoint, info): the mount point actually assigned (the mount manager may pick another letter).</summary>
    internal delegate* unmanaged<char*, DOKAN_FILE_INFO*, int> Mounted;

    internal delegate* unmanaged<DOKAN_FILE_INFO*, int> Unmounted;

    /// <summary>(FileName, PSECURITY_INFORMATION, PSECURITY_DESCRIPTOR, BufferLength, PULONG LengthNeeded, info). Left null: the library builds a descriptor for the mounting user.</summary>
    internal delegate* unmanaged<char*, uint*, void*, uint, uint*, DOKAN_FILE_INFO*, int> GetFileSecurity;

    internal delegate* unmanaged<char*, uint*, void*, uint, DOKAN_FILE_INFO*, int> SetFileSecurity;

    /// <summary>(FileName, PFillFindStreamData, FindStreamContext, info). Only with DOKAN_OPTION_ALT_STREAM, which we do not set.</summary>
    internal delegate* unmanaged<char*, delegate* unmanaged<void*, void*, int>, void*, DOKAN_FILE_INFO*, int> FindStreams;
}
