namespace FtpMount.Fuse.Native;

/// <summary>
/// <c>struct fuse_loop_config</c> of libfuse 3.2 to 3.11 (fuse_common.h), which 3.12 renamed
/// <c>fuse_loop_config_v1</c> when it made the config opaque; what <c>fuse_loop_mt@FUSE_3.2</c> takes. 8 bytes.
/// </summary>
internal struct FuseLoopConfigV1
{
    internal int clone_fd;

    /// <summary>Workers above this many idle ones end; there is no upper limit on workers before 3.12.</summary>
    internal uint max_idle_threads;
}
