using System.Text;

namespace FtpMount.Fuse.Native;

/// <summary>
/// Calls libfuse's <c>fuse_fill_dir_t</c>: <c>int (*)(void *buf, const char *name, const struct stat *stbuf,
/// off_t off, enum fuse_fill_dir_flags flags)</c>. We always pass <c>off = 0</c>, so libfuse collects the whole
/// listing in one readdir call and serves the kernel's offsets itself.
/// </summary>
internal static unsafe class FuseFillDir
{
    /// <summary><c>FUSE_FILL_DIR_PLUS</c>: the stat passed is complete and may be cached as the entry's attributes.</summary>
    internal const int FUSE_FILL_DIR_PLUS = 1 << 1;

    /// <summary><c>FUSE_READDIR_PLUS</c>, the readdir flag saying the kernel asked for READDIRPLUS.</summary>
    internal const int FUSE_READDIR_PLUS = 1 << 0;

    private const int StackNameLimit = 1024;

    /// <returns>True when libfuse took the entry; false when its buffer is full (or out of memory).</returns>
    internal static bool Fill(nint buffer, nint filler, string name, in FuseAttributes attributes, bool hasAttributes, bool plus)
    {
        var fill = (delegate* unmanaged<void*, byte*, void*, long, int, int>)filler;
        int length = Encoding.UTF8.GetMaxByteCount(name.Length) + 1;
        Span<byte> utf8 = length <= StackNameLimit ? stackalloc byte[length] : new byte[length];
        int written = Encoding.UTF8.GetBytes(name, utf8);
        utf8[written] = 0;

        byte* stat = stackalloc byte[StatWriter.MaxSize];
        int flags = 0;
        if (hasAttributes)
        {
            StatWriter.Write(stat, attributes);
            flags = plus ? FUSE_FILL_DIR_PLUS : 0;
        }

        fixed (byte* namePointer = utf8)
        {
            return fill((void*)buffer, namePointer, hasAttributes ? stat : null, 0, flags) == 0;
        }
    }
}
