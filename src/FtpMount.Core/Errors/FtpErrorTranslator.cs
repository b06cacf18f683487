using FtpMount.Ftp.Errors;

namespace FtpMount.Core.Errors;

/// <summary>
/// The one table from FTP failures to filesystem errors. A 550 reply means "file unavailable" for many reasons,
/// so its text decides where servers are explicit; callers that need certainty re-check (e.g. existence).
/// </summary>
public static class FtpErrorTranslator
{
    private static readonly (string Text, FsError Error)[] Reply550Texts =
    [
        // proftpd, pyftpdlib (550), pure-ftpd (553; 451 for RNTO) pass on the ENAMETOOLONG of their open(2) or rename(2).
        ("file name too long", FsError.NameTooLong),
        ("not empty", FsError.NotEmpty),
        ("no such file", FsError.NotFound),
        ("not found", FsError.NotFound),
        ("does not exist", FsError.NotFound),
        ("doesn't exist", FsError.NotFound),
        ("can't check for file existence", FsError.NotFound),
        ("file exists", FsError.AlreadyExists),
        ("already exists", FsError.AlreadyExists),
        ("is a directory", FsError.IsDirectory),
        ("not a directory", FsError.NotDirectory),
        ("not a plain file", FsError.IsDirectory),
        ("permission denied", FsError.AccessDenied),
        ("access denied", FsError.AccessDenied),
        ("not permitted", FsError.AccessDenied),
        // vsftpd's only reply to a STOR whose open(2) failed (553); nearly always a directory it may not write.
        ("could not create file", FsError.AccessDenied),
        ("read-only", FsError.ReadOnly),
        ("quota", FsError.NoSpace),
        ("disk full", FsError.NoSpace),
    ];

    public static FsError Classify(Exception error) => error switch
    {
        RemoteFsException fs => fs.Error,
        FtpUnsafeArgumentException => FsError.InvalidName,
        FtpUnencodableNameException => FsError.IllegalSequence,
        FtpTimeoutException => FsError.TimedOut,
        FtpAuthenticationException => FsError.AccessDenied,
        FtpConnectionLostException or FtpProtocolException or FtpTlsException or FtpIntegrityException or FtpConnectionLimitException
            => FsError.IoError,
        FtpException { Reply: { } reply } => ClassifyReply(reply.Code, reply.AllText),
        OperationCanceledException => FsError.TimedOut,
        IOException io when IsLocalDiskFull(io) => FsError.NoSpace,
        IOException io when IsLocalFileTooLarge(io) => FsError.FileTooLarge,
        IOException => FsError.IoError,
        _ => FsError.IoError,
    };

    /// <summary>
    /// The spool's own disk is full: ENOSPC or EDQUOT on Unix (.NET puts the errno in HResult), ERROR_DISK_FULL or
    /// ERROR_HANDLE_DISK_FULL on Windows. Programs must see "no space", not an I/O error, to report it as such.
    /// </summary>
    public static bool IsLocalDiskFull(IOException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        const int ENOSPC = 28, EDQUOT = 122, ErrorHandleDiskFull = unchecked((int)0x80070027), ErrorDiskFull = unchecked((int)0x80070070);
        return OperatingSystem.IsWindows()
            ? error.HResult is ErrorDiskFull or ErrorHandleDiskFull
            : error.HResult is ENOSPC or EDQUOT;
    }

    /// <summary>
    /// A size or offset beyond what the spool's file system can hold: EFBIG on Unix (ext4 stops at 16 TiB with 4 KiB
    /// blocks), ERROR_FILE_TOO_LARGE on Windows. truncate(1) and pwrite(2) far past that must say so, not EIO.
    /// </summary>
    public static bool IsLocalFileTooLarge(IOException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        const int EFBIG = 27, ErrorFileTooLarge = unchecked((int)0x800700DF);
        return error.HResult == (OperatingSystem.IsWindows() ? ErrorFileTooLarge : EFBIG);
    }

    internal static FsError ClassifyReply(int code, string text) => code switch
    {
        452 or 552 => FsError.NoSpace,
        450 => FsError.Busy,
        // RFC 959 says "file name not allowed", but pure-ftpd and vsftpd also answer a refused STOR with 553.
        553 => ClassifyByText(text) ?? FsError.InvalidName,
        501 => FsError.InvalidName,
        // vsftpd ("Input line too long", then it ends the session) and pyftpdlib ("Command too long") about a command
        // line over their limit; paths are kept below it (ServerPathMap), so this is only the last line of defence.
        500 when text.Contains("too long", StringComparison.OrdinalIgnoreCase) => FsError.NameTooLong,
        500 or 502 or 504 => FsError.NotSupported,
        530 or 532 => FsError.AccessDenied,
        550 or 551 => ClassifyByText(text) ?? FsError.AccessDenied,
        // pure-ftpd answers an RNTO to an over-long name with 451: not worth a retry.
        >= 400 and < 500 => ClassifyByText(text) is FsError.NameTooLong ? FsError.NameTooLong : FsError.IoError,
        _ => ClassifyByText(text) ?? FsError.IoError,
    };

    private static FsError? ClassifyByText(string text)
    {
        foreach (var (fragment, error) in Reply550Texts)
        {
            if (text.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Wraps any failure as a <see cref="RemoteFsException"/> that names the action and keeps the cause.</summary>
    public static RemoteFsException Translate(Exception error, string action) =>
        error as RemoteFsException ?? new RemoteFsException(Classify(error), $"{action}: {error.Message}", error);
}
