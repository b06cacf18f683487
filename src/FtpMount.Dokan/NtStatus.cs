namespace FtpMount.Dokan;

/// <summary>
/// The NTSTATUS values this adapter returns (ntstatus.h). Severity "error" values have the top bits 11
/// (0xC...); <see cref="DeviceBusy"/> is a warning (0x8...), which NT_SUCCESS still counts as a failure.
/// </summary>
public enum NtStatus
{
    Success = 0,

    /// <summary>STATUS_DEVICE_BUSY.</summary>
    DeviceBusy = unchecked((int)0x80000011),

    /// <summary>STATUS_BUFFER_OVERFLOW: the data was cut to fit the buffer.</summary>
    BufferOverflow = unchecked((int)0x80000005),

    Unsuccessful = unchecked((int)0xC0000001),
    NotImplemented = unchecked((int)0xC0000002),
    InvalidHandle = unchecked((int)0xC0000008),
    InvalidParameter = unchecked((int)0xC000000D),
    InvalidDeviceRequest = unchecked((int)0xC0000010),
    AccessDenied = unchecked((int)0xC0000022),
    ObjectNameInvalid = unchecked((int)0xC0000033),
    ObjectNameNotFound = unchecked((int)0xC0000034),

    /// <summary>STATUS_OBJECT_NAME_COLLISION; also what ZwCreateFile returns when OPEN_ALWAYS/CREATE_ALWAYS opened an existing file.</summary>
    ObjectNameCollision = unchecked((int)0xC0000035),
    ObjectPathNotFound = unchecked((int)0xC000003A),
    SharingViolation = unchecked((int)0xC0000043),
    DeletePending = unchecked((int)0xC0000056),
    DiskFull = unchecked((int)0xC000007F),
    MediaWriteProtected = unchecked((int)0xC00000A2),
    IoTimeout = unchecked((int)0xC00000B5),
    FileIsADirectory = unchecked((int)0xC00000BA),
    NotSupported = unchecked((int)0xC00000BB),
    UnexpectedIoError = unchecked((int)0xC00000E9),
    DirectoryNotEmpty = unchecked((int)0xC0000101),
    NotADirectory = unchecked((int)0xC0000103),

    /// <summary>STATUS_NAME_TOO_LONG (ERROR_FILENAME_EXCED_RANGE for Win32 callers).</summary>
    NameTooLong = unchecked((int)0xC0000106),
    CannotDelete = unchecked((int)0xC0000121),

    /// <summary>STATUS_FILE_TOO_LARGE (ERROR_FILE_TOO_LARGE for Win32 callers).</summary>
    FileTooLarge = unchecked((int)0xC0000904),
}
