namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Decides how long an item waits before it is retried.</summary>
/// <typeparam name="T">The item type.</typeparam>
public interface IWorkQueueRateLimiter<in T>
    where T : notnull
{
    /// <summary>The delay before the next retry of <paramref name="item"/>; each call counts as one more failure.</summary>
    TimeSpan When(T item);

    /// <summary>Clears <paramref name="item"/>'s failure history after it succeeded.</summary>
    void Forget(T item);

    /// <summary>How many retries <paramref name="item"/> has had since it was last forgotten.</summary>
    int NumRequeues(T item);
}
