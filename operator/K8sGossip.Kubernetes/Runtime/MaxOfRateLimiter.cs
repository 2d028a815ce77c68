namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Combines limiters: an item waits for the longest delay any of them asks for.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="limiters">The combined limiters.</param>
public sealed class MaxOfRateLimiter<T>(params IWorkQueueRateLimiter<T>[] limiters) : IWorkQueueRateLimiter<T>
    where T : notnull
{
    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        var longest = TimeSpan.Zero;
        foreach (var limiter in limiters)
        {
            var delay = limiter.When(item);
            if (delay > longest)
            {
                longest = delay;
            }
        }

        return longest;
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        foreach (var limiter in limiters)
        {
            limiter.Forget(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item) => limiters.Max(l => l.NumRequeues(item));
}
