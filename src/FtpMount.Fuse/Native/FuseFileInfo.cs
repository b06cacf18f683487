namespace FtpMount.Fuse.Native;

/// <summary>
/// The leading 40 bytes of <c>struct fuse_file_info</c> (fuse_common.h), which libfuse always allocates and hands
/// us by pointer: <c>flags</c>, a word of one-bit fields at offset 4, <c>fh</c> at 16. Those offsets are the same in
/// every release from 3.10 to 3.18 (3.17 named the 4 alignment bytes before <c>fh</c> <c>padding3</c> and appended
/// fields after <c>poll_events</c>, growing the struct to 64 bytes); which bit is which is not, so the bits are read
/// and written through the masks of the loaded release (<see cref="FuseFileInfoBits"/>). <c>backing_id</c> (3.17)
/// fills what was the tail padding of the 40-byte struct before: it is written only where the release has it
/// (<see cref="FuseRelease.HasPassthrough"/>).
/// </summary>
internal struct FuseFileInfo
{
    internal int flags;
    private uint _bitfields;
    internal uint padding2;
    internal ulong fh;
    internal ulong lock_owner;
    internal uint poll_events;
    internal int backing_id;

    /// <summary>The raw bitfield word, for the layout test.</summary>
    internal readonly uint Bitfields => _bitfields;

    internal readonly bool Has(uint bit) => bit != 0 && (_bitfields & bit) != 0;

    /// <summary>Sets or clears <paramref name="bit"/>; a 0 mask (a field the release lacks) changes nothing.</summary>
    internal void Set(uint bit, bool value) => _bitfields = value ? _bitfields | bit : _bitfields & ~bit;
}
