namespace FtpMount.Fuse.Native;

/// <summary>
/// <c>struct stat</c> as glibc defines it for x86-64 with <c>_FILE_OFFSET_BITS=64</c>
/// (sysdeps/unix/sysv/linux/x86/bits/struct_stat.h, the <c>__x86_64__</c> branch): nlink before mode,
/// 64-bit blksize, 144 bytes. Arm64 uses a different layout, see <see cref="StatArm64"/>.
/// </summary>
internal unsafe struct StatX64
{
    internal ulong st_dev;
    internal ulong st_ino;
    internal ulong st_nlink;
    internal uint st_mode;
    internal uint st_uid;
    internal uint st_gid;
    internal int __pad0;
    internal ulong st_rdev;
    internal long st_size;
    internal long st_blksize;
    internal long st_blocks;
    internal Timespec st_atim;
    internal Timespec st_mtim;
    internal Timespec st_ctim;
    internal fixed long __glibc_reserved[3];
}
