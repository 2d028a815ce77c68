namespace K8sGossip.Kubernetes.Runtime;

/// <summary>An overall token bucket (client-go default 10 per second, burst 100): caps the retry rate across all items.</summary>
/// <remarks>Each call reserves a token; when the bucket is empty the returned delay is when that token will exist.</remarks>
/// <typeparam name="T">The item type.</typeparam>
public sealed class TokenBucketRateLimiter<T> : IWorkQueueRateLimiter<T>
    where T : notnull
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly double _perSecond;
    private readonly int _burst;
    private double _tokens;
    private long _last;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="perSecond">Refill rate.</param>
    /// <param name="burst">Capacity.</param>
    /// <param name="time">The clock.</param>
    public TokenBucketRateLimiter(double perSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(perSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentNullException.ThrowIfNull(time);
        _perSecond = perSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _perSecond));
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
    }

    /// <inheritdoc />
    public int NumRequeues(T item) => 0;
}
