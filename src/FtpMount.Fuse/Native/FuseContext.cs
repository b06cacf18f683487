namespace FtpMount.Fuse.Native;

/// <summary><c>struct fuse_context</c> (fuse.h), the per-request data returned by <c>fuse_get_context()</c>; 40 bytes.</summary>
internal struct FuseContext
{
    /// <summary><c>struct fuse *</c>.</summary>
    internal nint fuse;
    internal uint uid;
    internal uint gid;
    internal int pid;
    internal nint private_data;
    internal uint umask;
}
