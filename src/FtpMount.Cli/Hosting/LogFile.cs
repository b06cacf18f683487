using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Hosting;

/// <summary>
/// <c>log_file=</c>: log lines appended to a file, so a background mount's log outlives the starter that relayed its
/// stderr. Bounded on disk: past <see cref="MaxBytes"/> the file becomes <c>PATH.1</c> (replacing an older one) and
/// a new one starts. Created 0600 when missing, since paths and user names appear in it.
/// </summary>
internal sealed class LogFile : ILoggerProvider
{
    public const long MaxBytes = 16L * 1024 * 1024;

    private readonly string _path;
    private readonly long _maxBytes;
    private readonly Lock _lock = new();
    private FileStream? _stream;
    private bool _broken;

    public LogFile(string path, long maxBytes = MaxBytes)
    {
        _path = path;
        _maxBytes = maxBytes;
        _stream = OpenAppend(path);
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_lock)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }

    /// <summary>Writes one entry; a disk that refuses it must not take the mount down, so logging to it just stops.</summary>
    internal void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = new StringBuilder()
            .Append(DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss.fff ", CultureInfo.InvariantCulture))
            .Append(ShortName(level)).Append(' ').Append(category).Append(": ").Append(message);
        if (exception is not null)
        {
            line.Append(Environment.NewLine).Append(exception);
        }

        var bytes = Encoding.UTF8.GetBytes(line.Append('\n').ToString());
        lock (_lock)
        {
            if (_stream is null || _broken)
            {
                return;
            }

            try
            {
                if (_stream.Length + bytes.Length > _maxBytes && _stream.Length > 0)
                {
                    _stream.Dispose();
                    File.Move(_path, _path + ".1", overwrite: true);
                    _stream = OpenAppend(_path);
                }

                // The starter and its background process both hold the file while it waits for readiness.
                _stream.Seek(0, SeekOrigin.End);
                _stream.Write(bytes);
                _stream.Flush();
            }
            catch (IOException)
            {
                _broken = true;
            }
            catch (UnauthorizedAccessException)
            {
                _broken = true;
            }
        }
    }

    private static FileStream OpenAppend(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private static string ShortName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class FileLogger(LogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                file.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
