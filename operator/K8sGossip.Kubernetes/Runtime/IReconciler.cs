namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Brings the world in line with one object's desired state.</summary>
/// <remarks>
/// Reconcile is level-based: it receives only the key, reads the current state (typically from an informer
/// cache) and must be idempotent. Returning a result ends the pass; throwing schedules a rate-limited retry
/// with exponential backoff; throwing <see cref="TerminalReconcileException"/> logs the error and does not retry
/// until the object changes again.
/// </remarks>
public interface IReconciler
{
    /// <summary>Reconciles the object named by <paramref name="key"/> (which may no longer exist).</summary>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
