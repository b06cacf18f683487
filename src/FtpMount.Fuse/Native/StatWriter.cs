using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Native;

/// <summary>
/// Fills a native <c>struct stat</c> from <see cref="FuseAttributes"/>, in the layout of the running architecture:
/// x86-64 has its own (<see cref="StatX64"/>); arm64 — like riscv64 and loongarch64 — the asm-generic one
/// (<see cref="StatArm64"/>).
/// </summary>
internal static unsafe class StatWriter
{
    internal const uint S_IFDIR = 0x4000;
    internal const uint S_IFREG = 0x8000;
    internal const uint S_IFLNK = 0xA000;
    private const uint PermissionMask = 0xFFF; // 07777
    private const long BlockSize = 4096;
    private const long StatBlockUnit = 512;   // st_blocks counts 512-byte units whatever st_blksize says

    private static readonly bool UsesX64Layout = RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Largest layout we write; callers building a stat on the stack allocate this much.</summary>
    internal const int MaxSize = 144;

    internal static bool IsSupported(Architecture architecture) => architecture
        is Architecture.X64 or Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64;

    internal static int Size => UsesX64Layout ? sizeof(StatX64) : sizeof(StatArm64);

    internal static uint Mode(in FuseAttributes attributes)
    {
        uint type = attributes.Kind switch
        {
            FuseNodeKind.Directory => S_IFDIR,
            FuseNodeKind.SymbolicLink => S_IFLNK,
            _ => S_IFREG,
        };
        return type | ((uint)attributes.Permissions & PermissionMask);
    }

    /// <summary>Writes <paramref name="attributes"/> over a zeroed <c>struct stat</c> at <paramref name="stat"/>.</summary>
    internal static void Write(void* stat, in FuseAttributes attributes) => Write(stat, attributes, UsesX64Layout);

    /// <summary>As <see cref="Write(void*, in FuseAttributes)"/>, in the layout of <paramref name="architecture"/> (for tests on another one).</summary>
    internal static void Write(void* stat, in FuseAttributes attributes, Architecture architecture) =>
        Write(stat, attributes, architecture == Architecture.X64);

    private static void Write(void* stat, in FuseAttributes attributes, bool x64)
    {
        NativeMemory.Clear(stat, (nuint)(x64 ? sizeof(StatX64) : sizeof(StatArm64)));
        uint nlink = attributes.LinkCount != 0 ? attributes.LinkCount : attributes.Kind == FuseNodeKind.Directory ? 2u : 1u;
        long size = Math.Max(attributes.Size, 0);
        long blocks = (size + StatBlockUnit - 1) / StatBlockUnit;
        if (x64)
        {
            var st = (StatX64*)stat;
            st->st_mode = Mode(attributes);
            st->st_nlink = nlink;
            st->st_size = size;
            st->st_blksize = BlockSize;
            st->st_blocks = blocks;
            st->st_atim = Timespec.From(attributes.AccessTime);
            st->st_mtim = Timespec.From(attributes.ModificationTime);
            st->st_ctim = Timespec.From(attributes.ChangeTime);
        }
        else
        {
            var st = (StatArm64*)stat;
            st->st_mode = Mode(attributes);
            st->st_nlink = nlink;
            st->st_size = size;
            st->st_blksize = (int)BlockSize;
            st->st_blocks = blocks;
            st->st_atim = Timespec.From(attributes.AccessTime);
            st->st_mtim = Timespec.From(attributes.ModificationTime);
            st->st_ctim = Timespec.From(attributes.ChangeTime);
        }
    }
}
