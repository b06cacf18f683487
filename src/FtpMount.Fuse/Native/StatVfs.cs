namespace FtpMount.Fuse.Native;

/// <summary>
/// <c>struct statvfs</c> (bits/statvfs.h) on 64-bit Linux; identical on x86-64 and arm64
/// (<c>fsblkcnt_t</c>/<c>fsfilcnt_t</c> are 64-bit and there is no <c>__f_unused</c> word), 112 bytes.
/// </summary>
internal unsafe struct StatVfs
{
    internal ulong f_bsize;
    internal ulong f_frsize;
    internal ulong f_blocks;
    internal ulong f_bfree;
    internal ulong f_bavail;
    internal ulong f_files;
    internal ulong f_ffree;
    internal ulong f_favail;
    internal ulong f_fsid;
    internal ulong f_flag;
    internal ulong f_namemax;
    internal fixed int __f_spare[6];
}
