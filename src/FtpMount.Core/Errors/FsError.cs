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

    /// <summary>A name longer than 255 bytes, or a path longer than the server can take in one command line.</summary>
    NameTooLong,

    /// <summary>A size or offset beyond what the local spool's file system can hold.</summary>
    FileTooLarge,

    /// <summary>A name the server's encoding (-o encoding) has no bytes for.</summary>
    IllegalSequence,
}
