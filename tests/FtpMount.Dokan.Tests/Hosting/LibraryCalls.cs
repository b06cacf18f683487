using System.Runtime.InteropServices;
using FtpMount.Dokan.Native;

namespace FtpMount.Dokan.Tests.Hosting;

/// <summary>
/// Calls a DOKAN_OPERATIONS slot the way a dokan2.dll worker thread does: through the function pointer, with
/// native arguments, so the callback code under test is the one that runs on Windows.
/// </summary>
internal static unsafe class LibraryCalls
{
    /// <summary>Every slot FtpMount fills that serves a request (all but Mounted and Unmounted).</summary>
    public static readonly string[] RequestSlots =
    [
        "ZwCreateFile", "Cleanup", "CloseFile", "ReadFile", "WriteFile", "FlushFileBuffers", "GetFileInformation", "FindFiles",
        "FindFilesWithPattern", "SetFileAttributes", "SetFileTime", "DeleteFile", "DeleteDirectory", "MoveFile", "SetEndOfFile",
        "SetAllocationSize", "GetDiskFreeSpace", "GetVolumeInformation",
    ];

    /// <summary>Calls <paramref name="slot"/> for <paramref name="request"/>; returns the NTSTATUS (0 for the void slots).</summary>
    public static int Invoke(DokanLibraryModel model, string slot, DokanLibraryModel.Request request) =>
        Invoke(model.Operations, slot, request.Info);

    private static int Invoke(DOKAN_OPERATIONS* operations, string slot, DOKAN_FILE_INFO* info)
    {
        var buffer = stackalloc byte[64];
        var name = (char*)Marshal.StringToHGlobalUni(@"\folder\file.txt");
        var other = (char*)Marshal.StringToHGlobalUni(@"\folder\renamed.txt");
        var pattern = (char*)Marshal.StringToHGlobalUni("*");
        try
        {
            uint count = 0, serial = 0, length = 0, flags = 0;
            ulong free = 0, total = 0, totalFree = 0;
            BY_HANDLE_FILE_INFORMATION information;
            delegate* unmanaged<WIN32_FIND_DATAW*, DOKAN_FILE_INFO*, int> fill = &FillFindData;
            switch (slot)
            {
                case "ZwCreateFile":
                    return operations->ZwCreateFile(name, null, 0x120089, 0x80, 7, 1 /* FILE_OPEN */, 0, info);
                case "Cleanup":
                    operations->Cleanup(name, info);
                    return 0;
                case "CloseFile":
                    operations->CloseFile(name, info);
                    return 0;
                case "ReadFile":
                    return operations->ReadFile(name, buffer, 64, &count, 0, info);
                case "WriteFile":
                    return operations->WriteFile(name, buffer, 64, &count, 0, info);
                case "FlushFileBuffers":
                    return operations->FlushFileBuffers(name, info);
                case "GetFileInformation":
                    return operations->GetFileInformation(name, &information, info);
                case "FindFiles":
                    return operations->FindFiles(name, fill, info);
                case "FindFilesWithPattern":
                    return operations->FindFilesWithPattern(name, pattern, fill, info);
                case "SetFileAttributes":
                    return operations->SetFileAttributes(name, 0x20, info);
                case "SetFileTime":
                    return operations->SetFileTime(name, null, null, null, info);
                case "DeleteFile":
                    return operations->DeleteFile(name, info);
                case "DeleteDirectory":
                    return operations->DeleteDirectory(name, info);
                case "MoveFile":
                    return operations->MoveFile(name, other, 0, info);
                case "SetEndOfFile":
                    return operations->SetEndOfFile(name, 10, info);
                case "SetAllocationSize":
                    return operations->SetAllocationSize(name, 10, info);
                case "GetDiskFreeSpace":
                    return operations->GetDiskFreeSpace(&free, &total, &totalFree, info);
                case "GetVolumeInformation":
                    return operations->GetVolumeInformation((char*)buffer, 32, &serial, &length, &flags, (char*)buffer, 32, info);
                default:
                    throw new ArgumentOutOfRangeException(nameof(slot), slot, "not a request slot");
            }
        }
        finally
        {
            Marshal.FreeHGlobal((nint)name);
            Marshal.FreeHGlobal((nint)other);
            Marshal.FreeHGlobal((nint)pattern);
        }
    }

    [UnmanagedCallersOnly]
    private static int FillFindData(WIN32_FIND_DATAW* data, DOKAN_FILE_INFO* info) => 0;
}
