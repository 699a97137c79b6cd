using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.Ingestion.Tests.Infrastructure;

/// <summary>Every log entry written through the services, formatted, with its exception in full.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Entries => [.. _entries];

    /// <summary>All of it as one text, to search for something that must not be there.</summary>
    public string All => string.Join('\n', _entries.Select(e => e.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            logs._entries.Enqueue((logLevel, $"{logLevel} {category}: {formatter(state, exception)} {properties} {exception}"));
        }
    }
}
