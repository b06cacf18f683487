using FtpMount.Core.Errors;
using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Adapter;

/// <summary>The one table from the core's errors to Linux errno values.</summary>
public static class ErrnoTable
{
    public static int For(FsError error) => error switch
    {
        FsError.NotFound => Errno.ENOENT,
        FsError.AlreadyExists => Errno.EEXIST,
        FsError.NotEmpty => Errno.ENOTEMPTY,
        FsError.AccessDenied => Errno.EACCES,
        FsError.NoSpace => Errno.ENOSPC,
        FsError.InvalidName => Errno.EINVAL,
        FsError.NotSupported => Errno.ENOTSUP,
        FsError.IsDirectory => Errno.EISDIR,
        FsError.NotDirectory => Errno.ENOTDIR,
        FsError.ReadOnly => Errno.EROFS,
        FsError.Busy => Errno.EBUSY,
        FsError.NameTooLong => Errno.ENAMETOOLONG,
        FsError.FileTooLarge => Errno.EFBIG,
        FsError.IllegalSequence => Errno.EILSEQ,
        // A deadline that fired is reported as an I/O error: applications handle EIO, few expect ETIMEDOUT from a file.
        FsError.TimedOut => Errno.EIO,
        _ => Errno.EIO,
    };

    /// <summary>Negated errno for any exception that escaped the core.</summary>
    public static int Negative(Exception error) => -For(FtpErrorTranslator.Classify(error));
}
