namespace FtpMount.Fuse.Native;

/// <summary><c>struct fuse_conn_info</c> (fuse_common.h, libfuse 3.14): ten counters and 22 reserved words, 128 bytes.</summary>
internal unsafe struct FuseConnInfo
{
    internal uint proto_major;
    internal uint proto_minor;
    internal uint max_write;
    internal uint max_read;
    internal uint max_readahead;
    internal uint capable;
    internal uint want;
    internal uint max_background;
    internal uint congestion_threshold;
    internal uint time_gran;
    internal fixed uint reserved[22];
}
