namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Per-item exponential backoff: base × 2^failures, capped (client-go defaults 5 ms → 1000 s).</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ExponentialBackoffRateLimiter<T> : IWorkQueueRateLimiter<T>
    where T : notnull
{
    private readonly Dictionary<T, int> _failures = [];
    private readonly Lock _gate = new();

    /// <summary>Creates the limiter.</summary>
    /// <param name="baseDelay">The delay after the first failure.</param>
    /// <param name="maxDelay">The cap.</param>
    public ExponentialBackoffRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    /// <summary>The delay after the first failure.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>The cap.</summary>
    public TimeSpan MaxDelay { get; }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        lock (_gate)
        {
            _failures.TryGetValue(item, out var failures);
            _failures[item] = failures + 1;
            var ticks = BaseDelay.Ticks * Math.Pow(2, Math.Min(failures, 62));
            return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
        }
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }
}
