namespace FtpMount.Fuse.Native;

/// <summary>
/// <c>struct fuse_bufvec</c> with its one inline <c>buf[0]</c> (fuse_common.h): what the <c>read_buf</c> operation
/// hands back. libfuse frees it with <c>free()</c> after the reply, and frees <c>buf[0].mem</c> too unless the buffer
/// is a file descriptor (<c>fuse_free_buf</c> in fuse.c, the same from 3.10 to 3.18), so both come from
/// <see cref="System.Runtime.InteropServices.NativeMemory.Alloc(nuint)"/>, which is <c>malloc</c>.
/// </summary>
internal struct FuseBufVec
{
    /// <summary>
    /// Bytes to allocate for one: this prefix plus 3.17's <c>mem_size</c> at the end of <c>buf[0]</c> (72 on LP64,
    /// the largest <c>sizeof(struct fuse_bufvec)</c> of 3.10 to 3.18; the layout tests hold it to every release).
    /// </summary>
    internal static readonly nuint AllocationSize = (nuint)(System.Runtime.CompilerServices.Unsafe.SizeOf<FuseBufVec>() + nint.Size);

    internal nuint count;
    internal nuint idx;
    internal nuint off;
    internal FuseBuf buf;
}
