using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FtpMount.Dokan.Native;

namespace FtpMount.Dokan.Tests.Native;

/// <summary>
/// No Windows headers or compiler here, so the expected layouts are derived by hand from the C declarations and
/// the Windows x64 ABI (natural alignment, default packing: USHORT 2, BOOLEAN/UCHAR/CHAR 1, ULONG/DWORD 4,
/// ULONG64/LONGLONG 8, pointers 8, FILETIME two DWORDs with alignment 4, WCHAR 2) and written down once here.
/// Every field of every mirror must be in the table and every table entry in the mirror, in both directions.
/// .NET lays out these blittable structs by the same rules on any 64-bit OS, so the check runs on Linux.
/// </summary>
public sealed class NativeLayoutTests
{
    /// <summary>dokan/dokan.h (Dokan 2.3.1) from l.256: the 25 callbacks in declaration order.</summary>
    private static readonly string[] OperationsOrder =
    [
        "ZwCreateFile", "Cleanup", "CloseFile", "ReadFile", "WriteFile", "FlushFileBuffers", "GetFileInformation", "FindFiles",
        "FindFilesWithPattern", "SetFileAttributes", "SetFileTime", "DeleteFile", "DeleteDirectory", "MoveFile", "SetEndOfFile",
        "SetAllocationSize", "LockFile", "UnlockFile", "GetDiskFreeSpace", "GetVolumeInformation", "Mounted", "Unmounted",
        "GetFileSecurity", "SetFileSecurity", "FindStreams",
    ];

    private static Dictionary<Type, (int Size, Dictionary<string, int> Offsets)> Expected => new()
    {
        // dokan.h l.143–174: USHORT Version; BOOLEAN SingleThread; (1 pad) ULONG Options; ULONG64 GlobalContext;
        // LPCWSTR MountPoint, UNCName; ULONG Timeout, AllocationUnitSize, SectorSize, VolumeSecurityDescriptorLength;
        // CHAR VolumeSecurityDescriptor[16384] (public.h: 1024 * 16). 48 + 16384 = 16432, already a multiple of 8.
        [typeof(DOKAN_OPTIONS)] = (16432, new()
        {
            ["Version"] = 0, ["SingleThread"] = 2, ["Options"] = 4, ["GlobalContext"] = 8, ["MountPoint"] = 16, ["UNCName"] = 24,
            ["Timeout"] = 32, ["AllocationUnitSize"] = 36, ["SectorSize"] = 40, ["VolumeSecurityDescriptorLength"] = 44,
            ["VolumeSecurityDescriptor"] = 48,
        }),

        // dokan.h l.180–222: ULONG64 Context, DokanContext; PDOKAN_OPTIONS; PVOID ProcessingContext; ULONG ProcessId;
        // six UCHARs at 36..41; size 42 rounded up to the 8-byte alignment: 48.
        [typeof(DOKAN_FILE_INFO)] = (48, new()
        {
            ["Context"] = 0, ["DokanContext"] = 8, ["DokanOptions"] = 16, ["ProcessingContext"] = 24, ["ProcessId"] = 32,
            ["IsDirectory"] = 36, ["DeletePending"] = 37, ["PagingIo"] = 38, ["SynchronousIo"] = 39, ["Nocache"] = 40,
            ["WriteToEndOfFile"] = 41,
        }),

        [typeof(DOKAN_OPERATIONS)] = (200, OperationsOrder.Select((name, index) => (name, index * 8)).ToDictionary(p => p.name, p => p.Item2)),

        // fileapi.h: DWORD, 3 FILETIME, 6 DWORD; all 4-aligned: 52.
        [typeof(BY_HANDLE_FILE_INFORMATION)] = (52, new()
        {
            ["dwFileAttributes"] = 0, ["ftCreationTime"] = 4, ["ftLastAccessTime"] = 12, ["ftLastWriteTime"] = 20,
            ["dwVolumeSerialNumber"] = 28, ["nFileSizeHigh"] = 32, ["nFileSizeLow"] = 36, ["nNumberOfLinks"] = 40,
            ["nFileIndexHigh"] = 44, ["nFileIndexLow"] = 48,
        }),

        // minwinbase.h: DWORD, 3 FILETIME, 4 DWORD = 44, WCHAR cFileName[260] (520), WCHAR cAlternateFileName[14] (28): 592.
        [typeof(WIN32_FIND_DATAW)] = (592, new()
        {
            ["dwFileAttributes"] = 0, ["ftCreationTime"] = 4, ["ftLastAccessTime"] = 12, ["ftLastWriteTime"] = 20,
            ["nFileSizeHigh"] = 28, ["nFileSizeLow"] = 32, ["dwReserved0"] = 36, ["dwReserved1"] = 40, ["cFileName"] = 44,
            ["cAlternateFileName"] = 564,
        }),

        [typeof(FILETIME)] = (8, new() { ["dwLowDateTime"] = 0, ["dwHighDateTime"] = 4 }),
    };

    public static TheoryData<string> Structs => new(Expected.Keys.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Structs))]
    public void Struct_size_and_every_field_offset_match_the_header_on_x64(string name)
    {
        Assert.True(Environment.Is64BitProcess, "The expected layouts are those of 64-bit Windows.");
        var (type, (size, offsets)) = Expected.Single(e => e.Key.Name == name);

        Assert.Equal(size, Marshal.SizeOf(type));
        Assert.Equal(size, UnmanagedSize(type));
        var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.Equal(offsets.Count, fields.Length);
        foreach (var field in fields)
        {
            Assert.True(offsets.ContainsKey(field.Name), $"{name}.{field.Name} is not in the header");
            var actual = (int)Marshal.OffsetOf(type, field.Name);
            Assert.True(offsets[field.Name] == actual, $"{name}.{field.Name}: header says {offsets[field.Name]}, mirror has {actual}");
        }
    }

    [Fact]
    public void Operations_slots_follow_the_header_order()
    {
        var fields = typeof(DOKAN_OPERATIONS).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .OrderBy(f => (int)Marshal.OffsetOf<DOKAN_OPERATIONS>(f.Name))
            .Select(f => f.Name);
        Assert.Equal(OperationsOrder, fields);
        Assert.All(typeof(DOKAN_OPERATIONS).GetFields(BindingFlags.Instance | BindingFlags.NonPublic), f => Assert.True(f.FieldType.IsFunctionPointer, f.Name));
    }

    [Fact]
    public void Size_constants_in_the_mirrors_agree_with_the_table()
    {
        Assert.Equal(DOKAN_OPTIONS.Size, Expected[typeof(DOKAN_OPTIONS)].Size);
        Assert.Equal(DOKAN_FILE_INFO.Size, Expected[typeof(DOKAN_FILE_INFO)].Size);
        Assert.Equal(DOKAN_OPERATIONS.Size, Expected[typeof(DOKAN_OPERATIONS)].Size);
        Assert.Equal(BY_HANDLE_FILE_INFORMATION.Size, Expected[typeof(BY_HANDLE_FILE_INFORMATION)].Size);
        Assert.Equal(WIN32_FIND_DATAW.Size, Expected[typeof(WIN32_FIND_DATAW)].Size);
    }

    [Fact]
    public void Option_flags_are_the_2x_bits()
    {
        // dokan.h 2.3.1 l.76–132; 2.x moved CASE_SENSITIVE from 4096 (1.5) to 1 << 9.
        Assert.Equal(8u, DokanOptionFlags.DOKAN_OPTION_WRITE_PROTECT);
        Assert.Equal(16u, DokanOptionFlags.DOKAN_OPTION_NETWORK);
        Assert.Equal(64u, DokanOptionFlags.DOKAN_OPTION_MOUNT_MANAGER);
        Assert.Equal(128u, DokanOptionFlags.DOKAN_OPTION_CURRENT_SESSION);
        Assert.Equal(512u, DokanOptionFlags.DOKAN_OPTION_CASE_SENSITIVE);
        Assert.Equal(4096u, DokanOptionFlags.DOKAN_OPTION_ALLOW_IPC_BATCHING);
        Assert.Equal(200, DokanOptionFlags.RequestedVersion);
    }

    private static int UnmanagedSize(Type type) =>
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
}
