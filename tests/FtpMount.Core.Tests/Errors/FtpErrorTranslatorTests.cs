using FtpMount.Core.Errors;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Core.Tests.Errors;

public class FtpErrorTranslatorTests
{
    public static TheoryData<int, string, FsError> Replies => new()
    {
        { 550, "No such file or directory.", FsError.NotFound },
        { 550, "Can't check for file existence", FsError.NotFound },
        { 550, "Directory not empty", FsError.NotEmpty },
        { 550, "Permission denied.", FsError.AccessDenied },
        { 550, "Create directory operation failed.", FsError.AccessDenied },
        { 550, "File exists", FsError.AlreadyExists },
        { 550, "Not a directory", FsError.NotDirectory },
        { 550, "Is a directory", FsError.IsDirectory },
        { 452, "Insufficient storage space", FsError.NoSpace },
        { 552, "Exceeded storage allocation", FsError.NoSpace },
        { 553, "File name not allowed", FsError.InvalidName },
        { 553, "Can't open that file: Permission denied", FsError.AccessDenied },
        { 553, "Could not create file.", FsError.AccessDenied },
        { 450, "File busy", FsError.Busy },
        { 451, "Local error", FsError.IoError },
        { 425, "Can't open data connection", FsError.IoError },
        { 500, "Unknown command", FsError.NotSupported },
        { 502, "Command not implemented", FsError.NotSupported },
        { 530, "Not logged in", FsError.AccessDenied },

        // An over-long name, as each server words it: proftpd and pyftpdlib, pure-ftpd's STOR and RNTO, vsftpd's and
        // pyftpdlib's answers to a command line over their limit.
        { 550, "aaaa: File name too long", FsError.NameTooLong },
        { 550, "File name too long.", FsError.NameTooLong },
        { 553, "Can't open that file: File name too long", FsError.NameTooLong },
        { 451, "Rename/move failure: File name too long", FsError.NameTooLong },
        { 500, "Input line too long.", FsError.NameTooLong },
        { 500, "Command too long.", FsError.NameTooLong },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Replies_map_to_filesystem_errors(int code, string text, FsError expected)
    {
        var reply = new FtpReply(code, [text]);
        FtpException error = code >= 500 ? new FtpPermanentException(text, reply) : new FtpTransientException(text, reply);
        Assert.Equal(expected, FtpErrorTranslator.Classify(error));
    }

    [Fact]
    public void Connection_failures_are_io_errors_and_deadlines_timeouts()
    {
        Assert.Equal(FsError.IoError, FtpErrorTranslator.Classify(new FtpConnectionLostException("reset")));
        Assert.Equal(FsError.IoError, FtpErrorTranslator.Classify(new FtpProtocolException("bad")));
        Assert.Equal(FsError.IoError, FtpErrorTranslator.Classify(new FtpIntegrityException("short")));
        Assert.Equal(FsError.TimedOut, FtpErrorTranslator.Classify(new FtpTimeoutException("late")));
        Assert.Equal(FsError.InvalidName, FtpErrorTranslator.Classify(new FtpUnsafeArgumentException("CR")));
        Assert.Equal(FsError.IoError, FtpErrorTranslator.Classify(new FtpServiceUnavailableException("bye", new FtpReply(421, ["bye"]))));
    }

    [Fact]
    public void The_spool_disk_refusing_a_size_is_file_too_large_not_an_io_error()
    {
        const int EFBIG = 27, ENOSPC = 28, EIO = 5;
        Assert.Equal(FsError.FileTooLarge, FtpErrorTranslator.Classify(new IOException("File too large", EFBIG)));
        Assert.Equal(FsError.NoSpace, FtpErrorTranslator.Classify(new IOException("No space left on device", ENOSPC)));
        Assert.Equal(FsError.IoError, FtpErrorTranslator.Classify(new IOException("Input/output error", EIO)));
    }

    [Fact]
    public void Translation_keeps_the_cause_and_names_the_action()
    {
        var cause = new FtpPermanentException("DELE /x failed: 550 No such file", new FtpReply(550, ["No such file"]));
        var translated = FtpErrorTranslator.Translate(cause, "Deleting /x");
        Assert.Same(cause, translated.InnerException);
        Assert.StartsWith("Deleting /x", translated.Message, StringComparison.Ordinal);
        Assert.Equal(FsError.NotFound, translated.Error);
    }
}
