using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Native;

/// <summary>
/// Entry points of libfuse3.so.3 (Debian 12: fuse3 3.14). Versioned functions are bound by their explicit
/// names (<c>fuse_new_31</c>, <c>fuse_loop_mt_312</c>; see <c>nm -D --defined-only libfuse3.so.3</c>) so the
/// ABI we get never depends on which version the dynamic linker picks as default.
/// </summary>
internal static unsafe partial class LibFuse3
{
    internal const string LibraryName = "libfuse3.so.3";

    /// <summary><c>struct fuse *fuse_new_31(struct fuse_args*, const struct fuse_operations*, size_t op_size, void *private_data)</c>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "fuse_new_31")]
    internal static partial nint fuse_new(FuseArgs* args, FuseOperations* op, nuint op_size, nint private_data);

    [LibraryImport(LibraryName, EntryPoint = "fuse_mount", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int fuse_mount(nint fuse, string mountpoint);

    [LibraryImport(LibraryName, EntryPoint = "fuse_unmount")]
    internal static partial void fuse_unmount(nint fuse);

    [LibraryImport(LibraryName, EntryPoint = "fuse_destroy")]
    internal static partial void fuse_destroy(nint fuse);

    /// <summary><c>int fuse_loop_mt_312(struct fuse*, struct fuse_loop_config*)</c>: blocks until the session exits.</summary>
    [LibraryImport(LibraryName, EntryPoint = "fuse_loop_mt_312")]
    internal static partial int fuse_loop_mt(nint fuse, nint config);

    /// <summary>Returns an opaque <c>struct fuse_loop_config*</c> (opaque since 3.12).</summary>
    [LibraryImport(LibraryName, EntryPoint = "fuse_loop_cfg_create")]
    internal static partial nint fuse_loop_cfg_create();

    [LibraryImport(LibraryName, EntryPoint = "fuse_loop_cfg_destroy")]
    internal static partial void fuse_loop_cfg_destroy(nint config);

    [LibraryImport(LibraryName, EntryPoint = "fuse_loop_cfg_set_max_threads")]
    internal static partial void fuse_loop_cfg_set_max_threads(nint config, uint value);

    [LibraryImport(LibraryName, EntryPoint = "fuse_loop_cfg_set_idle_threads")]
    internal static partial void fuse_loop_cfg_set_idle_threads(nint config, uint value);

    [LibraryImport(LibraryName, EntryPoint = "fuse_loop_cfg_set_clone_fd")]
    internal static partial void fuse_loop_cfg_set_clone_fd(nint config, uint value);

    /// <summary>Returns the <c>struct fuse_session*</c> of a <c>struct fuse*</c>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "fuse_get_session")]
    internal static partial nint fuse_get_session(nint fuse);

    [LibraryImport(LibraryName, EntryPoint = "fuse_session_exit")]
    internal static partial void fuse_session_exit(nint session);

    /// <summary>Thread-local context of the request being served; valid only inside an operation.</summary>
    [LibraryImport(LibraryName, EntryPoint = "fuse_get_context")]
    internal static partial FuseContext* fuse_get_context();

    [LibraryImport(LibraryName, EntryPoint = "fuse_invalidate_path", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int fuse_invalidate_path(nint fuse, string path);

    [LibraryImport(LibraryName, EntryPoint = "fuse_opt_free_args")]
    internal static partial void fuse_opt_free_args(FuseArgs* args);
}
