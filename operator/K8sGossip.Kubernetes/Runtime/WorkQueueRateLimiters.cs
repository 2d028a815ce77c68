namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Ready-made retry pacing for work queues.</summary>
public static class WorkQueueRateLimiters
{
    /// <summary>client-go's default: per-item backoff (5 ms → 1000 s) combined with an overall token bucket (10/s, burst 100).</summary>
    public static IWorkQueueRateLimiter<T> CreateDefault<T>(TimeProvider time, WorkQueueOptions? options = null)
        where T : notnull
    {
        options ??= new WorkQueueOptions();
        options.Validate();
        return new MaxOfRateLimiter<T>(
            new ExponentialBackoffRateLimiter<T>(options.BaseDelay, options.MaxDelay),
            new TokenBucketRateLimiter<T>(options.RetriesPerSecond, options.RetryBurst, time));
    }
}
