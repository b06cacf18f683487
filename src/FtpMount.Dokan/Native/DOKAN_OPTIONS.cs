using System.Runtime.InteropServices;

namespace FtpMount.Dokan.Native;

/// <summary>
/// <c>struct _DOKAN_OPTIONS</c>, dokan/dokan.h of Dokan 2.3.1 (DOKAN_VERSION 231), l.143–174. Dokan 2.0 replaced
/// 1.x's <c>USHORT ThreadCount</c> with <c>BOOLEAN SingleThread</c> (the library sizes its own thread pool) and
/// appended the volume security descriptor. x64 (MSVC, default packing): 16432 bytes, see <see cref="Size"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DOKAN_OPTIONS
{
    /// <summary>sys/public.h, <c>VOLUME_SECURITY_DESCRIPTOR_MAX_SIZE (1024 * 16)</c>.</summary>
    internal const int VOLUME_SECURITY_DESCRIPTOR_MAX_SIZE = 1024 * 16;

    /// <summary>2+1(+1 pad)+4+8+8+8+4+4+4+4 = 48 bytes of header, then the 16 KiB descriptor; a multiple of 8.</summary>
    internal const int Size = 48 + VOLUME_SECURITY_DESCRIPTOR_MAX_SIZE;

    /// <summary><c>USHORT Version</c>: the API version requested, without dots (200 = 2.0.0).</summary>
    internal ushort Version;

    /// <summary><c>BOOLEAN SingleThread</c> (one byte).</summary>
    internal byte SingleThread;

    /// <summary><c>ULONG Options</c>: <see cref="DokanOptionFlags"/>.</summary>
    internal uint Options;

    /// <summary><c>ULONG64 GlobalContext</c>: ours is a GCHandle to the <see cref="DokanHost"/>.</summary>
    internal ulong GlobalContext;

    /// <summary><c>LPCWSTR MountPoint</c>: "M:\" or an existing empty NTFS folder.</summary>
    internal char* MountPoint;

    /// <summary><c>LPCWSTR UNCName</c>: <c>\server\share</c> for network mounts (one leading backslash).</summary>
    internal char* UNCName;

    /// <summary><c>ULONG Timeout</c> in milliseconds; a request older than this makes the driver unmount.</summary>
    internal uint Timeout;

    internal uint AllocationUnitSize;

    internal uint SectorSize;

    internal uint VolumeSecurityDescriptorLength;

    /// <summary><c>CHAR VolumeSecurityDescriptor[VOLUME_SECURITY_DESCRIPTOR_MAX_SIZE]</c>.</summary>
    internal fixed byte VolumeSecurityDescriptor[VOLUME_SECURITY_DESCRIPTOR_MAX_SIZE];
}
