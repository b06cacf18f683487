using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp.Tests.Pool;

/// <summary>Keeps every message logged, formatted, with its event id.</summary>
internal sealed class LogRecorder : ILogger
{
    private readonly ConcurrentQueue<(int EventId, string Text)> _entries = new();

    public IReadOnlyList<(int EventId, string Text)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((eventId.Id, formatter(state, exception)));
}
