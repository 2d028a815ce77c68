namespace K8sGossip.Kubernetes.Runtime;

/// <summary>What a reconcile asks for next: nothing (wait for the next change) or another pass after a delay.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter) => RequeueAfterDelay = requeueAfter;

    /// <summary>The object is in its desired state; reconcile again only when something changes.</summary>
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    /// <summary>The delay before the next pass, when one was asked for.</summary>
    public TimeSpan? RequeueAfterDelay { get; }

    /// <summary>Reconcile again after <paramref name="delay"/> (polling something that raises no event), without counting as a failure.</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        return new ReconcileResult(delay);
    }
}
