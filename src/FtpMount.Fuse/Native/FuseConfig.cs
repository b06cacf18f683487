namespace FtpMount.Fuse.Native;

/// <summary>
/// The leading fields of <c>struct fuse_config</c> (fuse.h), handed to the <c>init</c> operation to adjust; libfuse
/// allocates the struct. Only this prefix sits at the same offsets in every release from 3.10 to 3.18: after
/// <c>auto_cache</c>, 3.11 inserted <c>no_rofd_flush</c>, 3.14.1 <c>parallel_direct_writes</c>, and 3.17 moved both
/// to the end, so <c>nullpath_ok</c> is at 96 in 3.10 and 3.17+ but 104 in 3.11-3.16, where 3.17+ keeps
/// <c>char *modules</c> (a pointer fuse_destroy frees). Nothing past <see cref="auto_cache"/> is ever written.
/// </summary>
internal struct FuseConfig
{
    internal int set_gid;
    internal uint gid;
    internal int set_uid;
    internal uint uid;
    internal int set_mode;
    internal uint umask;
    internal double entry_timeout;
    internal double negative_timeout;
    internal double attr_timeout;
    internal int intr;
    internal int intr_signal;
    internal int remember;
    internal int hard_remove;
    internal int use_ino;
    internal int readdir_ino;
    internal int direct_io;
    internal int kernel_cache;
    internal int auto_cache;
}
