namespace FtpMount.Core.Errors;

/// <summary>What went wrong, in filesystem terms; each OS adapter maps these in one table (errno, NTSTATUS).</summary>
public enum FsError
{
    IoError,
    NotFound,
    AlreadyExists,
    NotEmpty,
    AccessDenied,
    NoSpace,
    InvalidName,
    NotSupported,
    IsDirectory,
    NotDirectory,
    ReadOnly,
    TimedOut,
    Busy,
}
