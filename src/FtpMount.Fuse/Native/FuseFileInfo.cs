namespace FtpMount.Fuse.Native;

/// <summary>
/// <c>struct fuse_file_info</c> (fuse_common.h, libfuse 3.14). The C bitfields
/// (<c>writepage</c> … <c>noflush</c>, then 24 bits of padding) share one <c>unsigned int</c> at offset 4;
/// GCC allocates them from the least significant bit on little-endian targets, which the layout test
/// checks bit by bit. 40 bytes.
/// </summary>
internal struct FuseFileInfo
{
    internal int flags;
    private uint _bitfields;
    internal uint padding2;
    internal ulong fh;
    internal ulong lock_owner;
    internal uint poll_events;

    internal const uint WritePageBit = 1u << 0;
    internal const uint DirectIoBit = 1u << 1;
    internal const uint KeepCacheBit = 1u << 2;
    internal const uint FlushBit = 1u << 3;
    internal const uint NonSeekableBit = 1u << 4;
    internal const uint FlockReleaseBit = 1u << 5;
    internal const uint CacheReaddirBit = 1u << 6;
    internal const uint NoFlushBit = 1u << 7;

    /// <summary>The raw bitfield word, for the layout test.</summary>
    internal readonly uint Bitfields => _bitfields;

    internal bool WritePage { readonly get => Get(WritePageBit); set => Set(WritePageBit, value); }

    internal bool DirectIo { readonly get => Get(DirectIoBit); set => Set(DirectIoBit, value); }

    internal bool KeepCache { readonly get => Get(KeepCacheBit); set => Set(KeepCacheBit, value); }

    internal bool Flush { readonly get => Get(FlushBit); set => Set(FlushBit, value); }

    internal bool NonSeekable { readonly get => Get(NonSeekableBit); set => Set(NonSeekableBit, value); }

    internal bool FlockRelease { readonly get => Get(FlockReleaseBit); set => Set(FlockReleaseBit, value); }

    internal bool CacheReaddir { readonly get => Get(CacheReaddirBit); set => Set(CacheReaddirBit, value); }

    internal bool NoFlush { readonly get => Get(NoFlushBit); set => Set(NoFlushBit, value); }

    private readonly bool Get(uint bit) => (_bitfields & bit) != 0;

    private void Set(uint bit, bool value) => _bitfields = value ? _bitfields | bit : _bitfields & ~bit;
}
