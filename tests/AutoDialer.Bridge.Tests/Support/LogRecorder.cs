using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>Keeps every log line of a host, so tests can prove what was logged and what never was (secrets).</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => _lines.ToArray();

    public string AllText => string.Join('\n', _lines.Select(l => l.Text));

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record LogLine(LogLevel Level, string Category, string Text);

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
