using System.Runtime.InteropServices;
using FtpMount.Fuse.Native;
using Microsoft.Win32.SafeHandles;

namespace FtpMount.Fuse;

/// <summary>
/// The kernel's FUSE passthrough on one mount (Linux 6.9 and later, negotiated at init through libfuse 3.17 and
/// later): a file registered here gets a backing id, and an open answered with that id
/// (<see cref="FuseOpenInfo.BackingId"/>) has its reads served by the kernel straight from the file, never reaching
/// the file system. Registration is libfuse's fuse_passthrough_open done by hand, because the high-level API hands
/// callbacks no request: the FUSE_DEV_IOC_BACKING_OPEN ioctl on the session's /dev/fuse descriptor, which belongs to
/// the whole connection (also with clone_fd, which this host never enables).
/// </summary>
/// <remarks>
/// The kernel's rules, all checked at the open that carries the id (fs/fuse/iomode.c): every open of an inode that
/// has a passthrough open must also carry FOPEN_PASSTHROUGH with the same backing file, a passthrough open fails while
/// the inode has an open that uses the page cache, and FOPEN_KEEP_CACHE may not come with it; a broken rule fails the
/// user's open(2) with EIO. Registering needs CAP_SYS_ADMIN and a backing file system no deeper in a stack than the
/// depth asked for at init (<see cref="BackingStackDepth"/>).
/// </remarks>
public sealed unsafe class FusePassthrough
{
    /// <summary>
    /// max_backing_stack_depth asked for at init: 0 (FUSE_BACKING_STACKED_UNDER), so backing files must live on a
    /// file system that is not itself stacked (not overlayfs) and overlayfs may still be stacked over this mount.
    /// </summary>
    internal const uint BackingStackDepth = 0;

    /// <summary>FUSE_CAP_PASSTHROUGH (fuse_common.h, 3.17): in <c>capable_ext</c> when the kernel offers it.</summary>
    internal const ulong Capability = 1UL << 29;

    // _IOW(229, 1, struct fuse_backing_map) and _IOW(229, 2, uint32_t), include/uapi/linux/fuse.h.
    internal const uint BackingOpenRequest = (1u << 30) | (16u << 16) | (229u << 8) | 1u;
    internal const uint BackingCloseRequest = (1u << 30) | (4u << 16) | (229u << 8) | 2u;

    private readonly int _device;

    internal FusePassthrough(int device) => _device = device;

    /// <summary>
    /// Registers <paramref name="file"/> (open for reading) as a backing file; the kernel holds its own reference, so
    /// the caller may close its handle at once.
    /// </summary>
    /// <returns>The backing id (greater than 0), or a negated errno (-EPERM without CAP_SYS_ADMIN, -ELOOP for a file on
    /// a stacked file system, -EOPNOTSUPP for a kernel without passthrough).</returns>
    public int OpenBacking(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            var map = new BackingMap { fd = (int)file.DangerousGetHandle() };
            int id = LibC.ioctl(_device, BackingOpenRequest, &map);
            return id > 0 ? id : id == 0 ? -Errno.EIO : -Marshal.GetLastPInvokeError();
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>Gives up a backing id; opens that already use it keep their backing file until they are released.</summary>
    /// <returns>0, or a negated errno.</returns>
    public int CloseBacking(int backingId)
    {
        uint id = (uint)backingId;
        return LibC.ioctl(_device, BackingCloseRequest, &id) < 0 ? -Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary><c>struct fuse_backing_map</c> (include/uapi/linux/fuse.h); flags and padding must be 0.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct BackingMap
    {
        internal int fd;
        internal uint flags;
        internal ulong padding;
    }
}
