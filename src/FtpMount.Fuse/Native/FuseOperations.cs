namespace FtpMount.Fuse.Native;

/// <summary>
/// <c>struct fuse_operations</c> (fuse.h, libfuse 3.x; 42 slots, 336 bytes on LP64). Slots we implement are
/// typed function pointers with the C signature (<c>const char*</c> → <c>byte*</c>, <c>off_t</c> → <c>long</c>,
/// <c>size_t</c> → <c>nuint</c>, <c>mode_t</c> → <c>uint</c>, <c>struct stat*</c> → <c>void*</c> because its layout
/// depends on the architecture); the rest stay untyped and null, which libfuse answers with ENOSYS or a default.
/// </summary>
internal unsafe struct FuseOperations
{
    internal delegate* unmanaged<byte*, void*, FuseFileInfo*, int> getattr;
    internal delegate* unmanaged<byte*, byte*, nuint, int> readlink;
    internal nint mknod;
    internal delegate* unmanaged<byte*, uint, int> mkdir;
    internal delegate* unmanaged<byte*, int> unlink;
    internal delegate* unmanaged<byte*, int> rmdir;
    internal nint symlink;
    internal delegate* unmanaged<byte*, byte*, uint, int> rename;
    internal nint link;
    internal delegate* unmanaged<byte*, uint, FuseFileInfo*, int> chmod;
    internal nint chown;
    internal delegate* unmanaged<byte*, long, FuseFileInfo*, int> truncate;
    internal delegate* unmanaged<byte*, FuseFileInfo*, int> open;
    internal delegate* unmanaged<byte*, byte*, nuint, long, FuseFileInfo*, int> read;
    internal delegate* unmanaged<byte*, byte*, nuint, long, FuseFileInfo*, int> write;
    internal delegate* unmanaged<byte*, StatVfs*, int> statfs;
    internal delegate* unmanaged<byte*, FuseFileInfo*, int> flush;
    internal delegate* unmanaged<byte*, FuseFileInfo*, int> release;
    internal delegate* unmanaged<byte*, int, FuseFileInfo*, int> fsync;
    internal nint setxattr;
    internal nint getxattr;
    internal nint listxattr;
    internal nint removexattr;
    internal delegate* unmanaged<byte*, FuseFileInfo*, int> opendir;

    /// <summary><c>int (*readdir)(const char*, void* buf, fuse_fill_dir_t, off_t, struct fuse_file_info*, enum fuse_readdir_flags)</c>.</summary>
    internal delegate* unmanaged<byte*, void*, delegate* unmanaged<void*, byte*, void*, long, int, int>, long, FuseFileInfo*, int, int> readdir;
    internal nint releasedir;
    internal nint fsyncdir;
    internal delegate* unmanaged<FuseConnInfo*, FuseConfig*, void*> init;
    internal delegate* unmanaged<void*, void> destroy;
    internal nint access;
    internal delegate* unmanaged<byte*, uint, FuseFileInfo*, int> create;
    internal nint @lock;

    /// <summary><c>int (*utimens)(const char*, const struct timespec tv[2], struct fuse_file_info*)</c>.</summary>
    internal delegate* unmanaged<byte*, Timespec*, FuseFileInfo*, int> utimens;
    internal nint bmap;
    internal nint ioctl;
    internal nint poll;
    internal nint write_buf;

    /// <summary>Preferred by libfuse (fuse_fs_read_buf and fuse_fs_read alike) over <see cref="read"/>, which stays set as the plain fallback.</summary>
    internal delegate* unmanaged<byte*, FuseBufVec**, nuint, long, FuseFileInfo*, int> read_buf;
    internal nint flock;
    internal nint fallocate;
    internal nint copy_file_range;
    internal nint lseek;
}
