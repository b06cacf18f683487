namespace FtpMount.Fuse.Native;

/// <summary>
/// <c>struct fuse_conn_info</c> (fuse_common.h): the leading ten counters, 40 bytes, are the same in every release
/// from 3.10 to 3.18. What follows them is 3.17's (<c>max_backing_stack_depth</c>, a word of one-bit fields (<c>no_interrupt</c>), never touched,
/// <c>capable_ext</c>, <c>want_ext</c>) and is read or written only where the release has it
/// (<see cref="FuseRelease.HasPassthrough"/>); before 3.17 the same bytes are the zeroed <c>reserved</c> array.
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
    internal uint max_backing_stack_depth;
    internal uint bitfields;
    internal ulong capable_ext;
    internal ulong want_ext;
}
