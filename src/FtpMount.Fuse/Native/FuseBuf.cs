namespace FtpMount.Fuse.Native;

/// <summary>
/// The leading 40 bytes of <c>struct fuse_buf</c> (fuse_common.h): <c>size</c>, <c>flags</c>, <c>mem</c>, <c>fd</c>,
/// <c>pos</c>, at the same offsets in every release from 3.10 to 3.18. 3.17 appended <c>size_t mem_size</c>, which
/// libfuse reads only for the buffers it receives requests into, never for a reply; the buffers we hand over are
/// allocated at <see cref="FuseBufVec.AllocationSize"/>, with room for it, and zeroed.
/// </summary>
internal unsafe struct FuseBuf
{
    internal nuint size;
    internal int flags;
    internal void* mem;
    internal int fd;
    internal long pos;
}
