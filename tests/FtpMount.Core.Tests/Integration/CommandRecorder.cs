using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Tests.Integration;

/// <summary>
/// Keeps every FTP command the client logs at trace level ("&gt; LIST -a /x"), from any connection, and every
/// other message but the replies (connections made, retries, discards), so a failed count can say what happened.
/// </summary>
internal sealed class CommandRecorder : ILogger
{
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyList<string> Commands => [.. _commands];

    public IReadOnlyList<string> Events => [.. _events];

    /// <summary>Control connections that logged in, whether still open or not.</summary>
    public int ConnectionsMade => _events.Count(e => e.StartsWith("Connected to ", StringComparison.Ordinal));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception);
        if (text.StartsWith("> ", StringComparison.Ordinal))
        {
            _commands.Enqueue(text[2..]);
        }
        else if (!text.StartsWith("< ", StringComparison.Ordinal))
        {
            _events.Enqueue(exception is null ? text : $"{text}: {exception.Message}");
        }
    }
}
