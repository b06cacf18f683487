using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace FtpMount.Fuse.Native;

/// <summary>
/// Owns one <c>struct fuse</c>: fuse_new, fuse_mount, fuse_loop_mt, fuse_session_exit, fuse_unmount and
/// fuse_destroy, in that order (fuse_new and fuse_loop_mt through the loaded <see cref="FuseRelease"/>).
/// Not thread-safe by itself; <see cref="FuseHost"/> sequences the calls.
/// </summary>
internal sealed unsafe class FuseInstance
{
    private readonly FuseRelease _release;
    private readonly nint _fuse;
    private readonly nint _session;

    private FuseInstance(FuseRelease release, nint fuse)
    {
        _release = release;
        _fuse = fuse;
        _session = LibFuse3.fuse_get_session(fuse);
    }

    /// <summary>Creates the file system with our operations table; <paramref name="privateData"/> reaches every callback.</summary>
    internal static FuseInstance Create(FuseRelease release, IReadOnlyList<string> arguments, nint privateData)
    {
        int count = arguments.Count;
        var argv = (byte**)NativeMemory.AllocZeroed((nuint)(count + 1), (nuint)sizeof(byte*));
        try
        {
            for (int i = 0; i < count; i++)
            {
                argv[i] = Utf8StringMarshaller.ConvertToUnmanaged(arguments[i]);
            }

            var args = new FuseArgs { argc = count, argv = argv, allocated = 0 };
            FuseOperations operations = FuseCallbacks.CreateOperations();

            // libfuse copies the operations table and strdup()s every option it keeps, so both may go once it returns.
            // 3.18 appended statx to the table; a shorter op_size leaves the slots past it null.
            nint fuse = release.New(&args, &operations, (nuint)sizeof(FuseOperations), privateData);

            // fuse_opt_parse may have replaced argv with its own allocation (allocated = 1); that one is libfuse's to free.
            LibFuse3.fuse_opt_free_args(&args);
            return fuse != 0
                ? new FuseInstance(release, fuse)
                : throw new FuseException("fuse_new failed; libfuse wrote the reason to standard error");
        }
        finally
        {
            for (int i = 0; i < count; i++)
            {
                Utf8StringMarshaller.Free(argv[i]);
            }

            NativeMemory.Free(argv);
        }
    }

    /// <summary>Mounts; returns why the kernel cannot keep listings with this release, or null (<see cref="OpenDirFlagRelay"/>).</summary>
    internal string? Mount(string mountPoint)
    {
        int result = LibFuse3.fuse_mount(_fuse, mountPoint);
        if (result != 0)
        {
            throw new FuseException($"fuse_mount failed for '{mountPoint}'", result);
        }

        return OpenDirFlagRelay.Install(_session, _release.Version, mountPoint, LibFuse3.fuse_session_fd(_session));
    }

    /// <summary>Serves requests on up to <paramref name="maxThreads"/> libfuse worker threads until the session exits.</summary>
    internal int Loop(uint maxThreads) => _release.Loop(_fuse, maxThreads);

    /// <summary>Sets the session's exit flag. Before 3.18 this wakes nobody; see <see cref="Wake"/>.</summary>
    internal void RequestExit() => LibFuse3.fuse_session_exit(_session);

    /// <summary>Closes /dev/fuse (aborting the connection) and detaches the mount; call only after the loop returned.</summary>
    internal void Unmount() => LibFuse3.fuse_unmount(_fuse);

    /// <summary>Frees the file system; calls the destroy operation if init ran.</summary>
    internal void Destroy() => LibFuse3.fuse_destroy(_fuse);

    internal int InvalidatePath(string path) => LibFuse3.fuse_invalidate_path(_fuse, path);

    /// <summary>
    /// Makes one request reach the mount so that a worker blocked in read(/dev/fuse) returns, sees the exit flag
    /// and lets fuse_loop_mt end: libfuse before 3.18 has no other way to wake the loop without signals
    /// (libfuse#997, fixed by #1201 in 3.18). STATFS always goes to the daemon; it never comes from the kernel's caches.
    /// </summary>
    /// <returns>0, or the errno of statvfs (expected once the mount is already gone).</returns>
    internal static int Wake(string mountPoint)
    {
        StatVfs ignored;
        return LibC.statvfs(mountPoint, &ignored) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }
}
