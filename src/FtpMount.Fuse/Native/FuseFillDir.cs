using System.Text;

namespace FtpMount.Fuse.Native;

/// <summary>
/// Calls libfuse's <c>fuse_fill_dir_t</c>: <c>int (*)(void *buf, const char *name, const struct stat *stbuf,
/// off_t off, enum fuse_fill_dir_flags flags)</c>. We always pass <c>off = 0</c>, so libfuse collects the whole
/// listing in one readdir call and serves the kernel's offsets itself, and never <c>FUSE_FILL_DIR_PLUS</c>, so the
/// stat only gives the entry's type (d_type). With the flag, libfuse's high-level READDIRPLUS looks every name up:
/// up to 3.16 it then sends the kernel ino 0, so the kernel ignores the attributes and never forgets the node, and
/// libfuse's node table grows by every name listed for the life of the mount (fixed in 3.17.1); 3.17 keeps our
/// stat's st_ino 0 for the entries it later serves by plain READDIR, which readdir(3) skips, so big folders lose
/// names (fixed in 3.18). ReaddirMemoryTests shows both.
/// </summary>
internal static unsafe class FuseFillDir
{
    private const int StackNameLimit = 1024;

    /// <returns>True when libfuse took the entry; false when its buffer is full (or out of memory).</returns>
    internal static bool Fill(nint buffer, nint filler, string name, in FuseAttributes attributes, bool hasAttributes)
    {
        var fill = (delegate* unmanaged<void*, byte*, void*, long, int, int>)filler;
        int length = Encoding.UTF8.GetMaxByteCount(name.Length) + 1;
        Span<byte> utf8 = length <= StackNameLimit ? stackalloc byte[length] : new byte[length];
        int written = Encoding.UTF8.GetBytes(name, utf8);
        utf8[written] = 0;

        byte* stat = stackalloc byte[StatWriter.MaxSize];
        if (hasAttributes)
        {
            StatWriter.Write(stat, attributes);
        }

        fixed (byte* namePointer = utf8)
        {
            return fill((void*)buffer, namePointer, hasAttributes ? stat : null, 0, 0) == 0;
        }
    }
}
