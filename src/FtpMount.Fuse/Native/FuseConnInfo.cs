namespace FtpMount.Fuse.Native;

/// <summary>
/// The leading ten counters of <c>struct fuse_conn_info</c> (fuse_common.h), 40 bytes, the same in every release
/// from 3.10 to 3.18; what follows changed in 3.17 (<c>capable_ext</c>, <c>want_ext</c>) and is never touched.
/// </summary>
internal struct FuseConnInfo
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
}
