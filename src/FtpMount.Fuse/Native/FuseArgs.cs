namespace FtpMount.Fuse.Native;

/// <summary><c>struct fuse_args</c> (fuse_opt.h); 24 bytes.</summary>
internal unsafe struct FuseArgs
{
    internal int argc;
    internal byte** argv;

    /// <summary>Set by libfuse when it replaced <see cref="argv"/> with its own copy; <c>fuse_opt_free_args</c> frees that.</summary>
    internal int allocated;
}
