namespace FtpMount.Fuse.Native;

/// <summary>
/// <c>struct stat</c> on arm64 (aarch64) Linux, the asm-generic layout: glibc
/// sysdeps/unix/sysv/linux/generic/bits/struct_stat.h (installed as bits/struct_stat.h), which matches the
/// kernel's include/uapi/asm-generic/stat.h. Mode before nlink, both 32-bit; 32-bit blksize; 128 bytes.
/// </summary>
internal unsafe struct StatArm64
{
    internal ulong st_dev;
    internal ulong st_ino;
    internal uint st_mode;
    internal uint st_nlink;
    internal uint st_uid;
    internal uint st_gid;
    internal ulong st_rdev;
    internal ulong __pad1;
    internal long st_size;
    internal int st_blksize;
    internal int __pad2;
    internal long st_blocks;
    internal Timespec st_atim;
    internal Timespec st_mtim;
    internal Timespec st_ctim;
    internal fixed int __glibc_reserved[2];
}
