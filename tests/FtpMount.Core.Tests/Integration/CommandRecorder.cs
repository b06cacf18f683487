using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Tests.Integration;

/// <summary>Keeps every FTP command the client logs at trace level ("&gt; LIST -a /x"), from any connection.</summary>
internal sealed class CommandRecorder : ILogger
{
    private readonly ConcurrentQueue<string> _commands = new();

    public IReadOnlyList<string> Commands => [.. _commands];

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
    }
}
