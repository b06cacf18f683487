namespace FtpMount.Fuse.Native;

/// <summary>
/// <c>struct fuse_config</c> (fuse.h, libfuse 3.14), handed to the <c>init</c> operation to adjust.
/// Mirrored whole so every offset can be checked; 128 bytes.
/// </summary>
internal unsafe struct FuseConfig
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
    internal int no_rofd_flush;
    internal int ac_attr_timeout_set;
    internal double ac_attr_timeout;
    internal int nullpath_ok;
    internal int show_help;
    internal byte* modules;
    internal int debug;
}
