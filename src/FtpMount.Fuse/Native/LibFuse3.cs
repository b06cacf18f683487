using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Native;

/// <summary>
/// Entry points whose name and signature are the same in every libfuse release from 3.10 to 3.18 (each has a
/// single version, FUSE_3.0 or FUSE_3.1, in all of them). <see cref="LibraryName"/> is not a file: the resolver of
/// <see cref="FuseLibrary"/> hands every import the library <see cref="FuseReleaseLoader"/> found. The two calls
/// whose ABI changed, fuse_new and fuse_loop_mt, go through <see cref="FuseRelease"/>.
/// </summary>
internal static unsafe partial class LibFuse3
{
    internal const string LibraryName = "libfuse3 (resolved by FuseLibrary)";

    // Runs before the first import is bound, so no import ever falls through to the runtime's own probing.
    static LibFuse3() => FuseLibrary.InstallResolver();

    [LibraryImport(LibraryName, EntryPoint = "fuse_mount", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int fuse_mount(nint fuse, string mountpoint);

    [LibraryImport(LibraryName, EntryPoint = "fuse_unmount")]
    internal static partial void fuse_unmount(nint fuse);

    [LibraryImport(LibraryName, EntryPoint = "fuse_destroy")]
    internal static partial void fuse_destroy(nint fuse);

    /// <summary>Returns the <c>struct fuse_session*</c> of a <c>struct fuse*</c>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "fuse_get_session")]
    internal static partial nint fuse_get_session(nint fuse);

    /// <summary>The session's /dev/fuse descriptor (the one libfuse opened or was handed; FUSE_3.0 in every release).</summary>
    [LibraryImport(LibraryName, EntryPoint = "fuse_session_fd")]
    internal static partial int fuse_session_fd(nint session);

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
