using System.Runtime.InteropServices;
using System.Text;

namespace FtpMount.Fuse.Native;

/// <summary>
/// Lets our opendir's keep_cache and cache_readdir reach the kernel with libfuse releases before 3.16.1, whose
/// high-level opendir (fuse_lib_opendir) hands the file system a copy of <c>fuse_file_info</c> and replies with the
/// original, so the two bits were lost and every folder was read through the mount again (3.16.1 copies them back;
/// nothing else changed there). The relay does the same from outside: it replaces opendir in the session's copy of
/// the low-level operations table (<c>struct fuse_session.op</c>, which fuse_session_new filled from libfuse's own
/// table) with <see cref="RelayOpenDir"/>, which notes the original <c>fuse_file_info</c> for its thread and calls
/// fuse_lib_opendir; our opendir runs inside that call on the same thread and sets the two bits on the original too
/// (<see cref="Forward"/>), and fuse_lib_opendir replies with it.
/// </summary>
/// <remarks>
/// <c>struct fuse_session</c> is private (lib/fuse_i.h), so the live session is checked against the layout of its
/// release before anything is written: the mount point libfuse copied, the /dev/fuse descriptor
/// <c>fuse_session_fd</c> reports, the pointer that tells the 3.13 layout (a <c>fuse_custom_io*</c>, null here,
/// before <c>mount_opts*</c>) from the older one, and the three directory slots libfuse fills. Any mismatch leaves
/// the table alone: the kernel then lists folders through the mount as before, which is slower and never wrong.
/// </remarks>
internal static unsafe class OpenDirFlagRelay
{
    /// <summary><c>offsetof(struct fuse_lowlevel_ops, opendir)</c>: the 21st pointer in every release from 3.10 on.</summary>
    internal const int OpenDirSlotOffset = 20 * 8;

    internal const int MountPointOffset = 0;
    internal const int FdOffset = 12;
    internal const int PointerAfterFd = 16;
    internal const int SecondPointerAfterFd = 24;

    [ThreadStatic]
    private static FuseFileInfo* t_reply;

    private static nint s_libraryOpenDir;

    /// <summary>
    /// <c>offsetof(struct fuse_session, op)</c> where the relay is needed: 32 in 3.10 to 3.12, 40 from 3.13 (which
    /// put <c>struct fuse_custom_io *io</c> after <c>fd</c>) to 3.15; null from 3.16.1 on, where libfuse forwards
    /// the bits itself (there is no 3.16.0 release).
    /// </summary>
    internal static int? OperationsOffset(Version version) =>
        FuseRelease.ForwardsOpenDirCacheFlags(version) ? null : SessionOperationsOffset(version);

    /// <summary><c>offsetof(struct fuse_session, op)</c> in the session layouts of 3.10 to 3.16.</summary>
    internal static int SessionOperationsOffset(Version version) => version >= new Version(3, 13) ? 40 : 32;

    /// <summary>
    /// Installs the relay in a mounted session of <paramref name="version"/>, or says why not; null when installed
    /// or not needed. Call after fuse_mount (the mount point is one of the checks) and before the loop starts.
    /// </summary>
    internal static string? Install(nint session, Version version, string mountPoint, int sessionFd)
    {
        if (OperationsOffset(version) is not int operations)
        {
            return null;
        }

        string? mismatch = FindOpenDirSlot(session, operations, mountPoint, sessionFd, out nint* slot);
        if (mismatch is not null)
        {
            return mismatch;
        }

        var relay = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, void>)&RelayOpenDir;
        if (*slot == relay)
        {
            return null;
        }

        // One libfuse per process (FuseLibrary.Current), so every session holds the same fuse_lib_opendir.
        nint known = Interlocked.CompareExchange(ref s_libraryOpenDir, *slot, 0);
        if (known != 0 && known != *slot)
        {
            return "the session's low-level opendir is not the one an earlier mount of this process had";
        }

        *slot = relay;
        return null;
    }

    /// <summary>
    /// Checks the live session against the layout whose operations table starts at <paramref name="operations"/>
    /// and finds its opendir slot; returns what did not match, or null.
    /// </summary>
    internal static string? FindOpenDirSlot(nint session, int operations, string mountPoint, int sessionFd, out nint* slot)
    {
        slot = null;
        byte* se = (byte*)session;
        byte* copied = *(byte**)(se + MountPointOffset);
        if (copied is null || !MemoryMarshal.CreateReadOnlySpanFromNullTerminated(copied).SequenceEqual(Encoding.UTF8.GetBytes(mountPoint)))
        {
            return "struct fuse_session does not start with the mount point libfuse was given";
        }

        if (*(int*)(se + FdOffset) != sessionFd)
        {
            return $"struct fuse_session holds no /dev/fuse descriptor {sessionFd} at offset {FdOffset}";
        }

        bool customIo = operations == 40;
        bool laidOut = customIo
            ? *(nint*)(se + PointerAfterFd) == 0 && *(nint*)(se + SecondPointerAfterFd) != 0
            : *(nint*)(se + PointerAfterFd) != 0;
        if (!laidOut)
        {
            return customIo
                ? "struct fuse_session has no empty custom I/O pointer followed by mount options after the descriptor"
                : "struct fuse_session has no mount options pointer after the descriptor";
        }

        // opendir, readdir and releasedir: libfuse's high-level layer fills all three.
        var slots = (nint*)(se + operations + OpenDirSlotOffset);
        if (slots[0] == 0 || slots[1] == 0 || slots[2] == 0)
        {
            return "the session's low-level opendir, readdir or releasedir is empty";
        }

        slot = slots;
        return null;
    }

    /// <summary>Called by our opendir with the copy it filled: the bits go on the fuse_file_info libfuse replies with.</summary>
    internal static void Forward(FuseFileInfo* answered, FuseFileInfoBits bits)
    {
        FuseFileInfo* reply = t_reply;
        if (reply is null || reply == answered)
        {
            return;
        }

        reply->Set(bits.KeepCache, answered->Has(bits.KeepCache));
        reply->Set(bits.CacheReaddir, answered->Has(bits.CacheReaddir));
    }

    /// <summary><c>void (*opendir)(fuse_req_t, fuse_ino_t, struct fuse_file_info*)</c>, in place of fuse_lib_opendir.</summary>
    [UnmanagedCallersOnly]
    private static void RelayOpenDir(nint request, ulong node, FuseFileInfo* fi)
    {
        t_reply = fi;
        try
        {
            ((delegate* unmanaged<nint, ulong, FuseFileInfo*, void>)s_libraryOpenDir)(request, node, fi);
        }
        finally
        {
            t_reply = null;
        }
    }
}
