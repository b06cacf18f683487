using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp;

/// <summary>Source-generated log messages of the FTP layer. Nothing here may carry a password.</summary>
internal static partial class FtpLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Trace, Message = "> {Command}")]
    public static partial void Command(ILogger logger, string command);

    [LoggerMessage(EventId = 2, Level = LogLevel.Trace, Message = "< {Code} {Text}")]
    public static partial void Reply(ILogger logger, int code, string text);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Dropped {Count} bytes the server sent after 234 and before the TLS handshake; they are never read as replies")]
    public static partial void DroppedPlaintext(ILogger logger, int count);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Connected to {Endpoint} ({Tls}); features: {Features}")]
    public static partial void Connected(ILogger logger, string endpoint, string tls, string features);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "OPTS UTF8 ON refused ({Code}); continuing, names are sent as UTF-8 anyway")]
    public static partial void Utf8Refused(ILogger logger, int code);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Aborting a transfer stopped early: {Reason}")]
    public static partial void AbortingTransfer(ILogger logger, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Discarding a connection: {Reason}")]
    public static partial void DiscardingConnection(ILogger logger, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information,
        Message = "Server connection limit reached ({Reply}); pool limit lowered from {Old} to {New}, callers wait for a free connection")]
    public static partial void PoolShrunk(ILogger logger, string reply, int old, int @new);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Retrying {Operation} in {Pause} after {Error} (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, string operation, string error, int attempt, TimeSpan pause);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "EPSV refused ({Code}); using PASV on this connection")]
    public static partial void EpsvRefused(ILogger logger, int code);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning,
        Message = "Control connection out of step: {Count} bytes were waiting before {Command} (\"{Excerpt}\"); closing it, the command goes to a fresh connection")]
    public static partial void OutOfStep(ILogger logger, int count, string command, string excerpt);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information,
        Message = "Resuming the upload of {Path} at byte {Offset} of {Total}: the server kept that much before the connection was lost")]
    public static partial void ResumingUpload(ILogger logger, string path, long offset, long total);

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "The server refused to resume {Path} with {How}: {Reason}")]
    public static partial void ResumeRefused(ILogger logger, string how, string path, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning,
        Message = "The server's replies did not match commands sent in one flight ({Reason}); sending one command at a time from now on")]
    public static partial void PipeliningOff(ILogger logger, string reason);
}
