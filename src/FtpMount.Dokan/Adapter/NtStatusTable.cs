using FtpMount.Core.Errors;

namespace FtpMount.Dokan.Adapter;

/// <summary>The one table from the core's errors to NTSTATUS.</summary>
public static class NtStatusTable
{
    public static NtStatus For(FsError error) => error switch
    {
        // A missing parent is STATUS_OBJECT_PATH_NOT_FOUND; the adapter finds that out by resolving the path
        // before it asks the core, so what reaches this table is a missing last component.
        FsError.NotFound => NtStatus.ObjectNameNotFound,
        FsError.AlreadyExists => NtStatus.ObjectNameCollision,
        FsError.NotEmpty => NtStatus.DirectoryNotEmpty,
        FsError.AccessDenied => NtStatus.AccessDenied,
        FsError.NoSpace => NtStatus.DiskFull,
        FsError.InvalidName => NtStatus.ObjectNameInvalid,
        FsError.NotSupported => NtStatus.NotSupported,
        FsError.IsDirectory => NtStatus.FileIsADirectory,
        FsError.NotDirectory => NtStatus.NotADirectory,
        FsError.ReadOnly => NtStatus.MediaWriteProtected,
        FsError.TimedOut => NtStatus.IoTimeout,
        FsError.Busy => NtStatus.DeviceBusy,
        FsError.NameTooLong => NtStatus.NameTooLong,
        FsError.FileTooLarge => NtStatus.FileTooLarge,
        // Windows has no "illegal byte sequence": a name the server cannot take is an invalid name there.
        FsError.IllegalSequence => NtStatus.ObjectNameInvalid,
        _ => NtStatus.UnexpectedIoError,
    };

    /// <summary>The status for any exception that escaped the core; our own deadlines count as timeouts.</summary>
    public static NtStatus From(Exception error) => error switch
    {
        TimeoutException or OperationCanceledException => NtStatus.IoTimeout,
        _ => For(FtpErrorTranslator.Classify(error)),
    };
}
