using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Kubernetes.Tests.Infrastructure;

/// <summary>Collects log lines in memory so a failing test can show what the component did.</summary>
public sealed class TestLogger<T> : ILogger<T>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Lines.Enqueue($"{_clock.Elapsed.TotalSeconds:0.000} {logLevel} {formatter(state, exception)} {exception?.Message}");
    }

    public override string ToString() => string.Join(Environment.NewLine, Lines);
}
