using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Tests.Support;

/// <summary>A logger factory that keeps warnings and errors in memory, so tests can assert that no protocol event
/// failed with an exception (NodeContext logs and swallows those).</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    /// <summary>Entries at <see cref="LogLevel.Warning"/> or above: (level, category, message, exception).</summary>
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    /// <summary>Entries at Error level or above.</summary>
    public IEnumerable<(LogLevel Level, string Category, string Message, Exception? Exception)> Errors =>
        Entries.Where(e => e.Level >= LogLevel.Error);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class RecordingLogger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
