namespace K8sGossip.Kubernetes.LeaderElection;

/// <summary>One candidate's participation in a leader election: used by the operator and by the sidecar's <c>lease</c> election mode.</summary>
/// <remarks>
/// <para>Lifecycle: <see cref="RunAsync"/> runs one term. It keeps trying to acquire the lease; once it does,
/// it raises <see cref="StartedLeading"/> and renews until it is cancelled, released, or renewal fails. Then
/// it raises <see cref="StoppedLeading"/> and returns. It never tries to win leadership back in the same call:
/// a process that lost leadership should stop its leader work (the operator exits and is restarted; the sidecar
/// creates a fresh elector to become a candidate anew, since one instance runs one term).</para>
/// <para>Safety: leadership ends locally no later than RenewDeadline after the last successful renewal, which is
/// before any other candidate may take over (LeaseDuration after its own observation). Leader-only work must use
/// <see cref="StartedLeadingEventArgs.LeadershipToken"/> or check <see cref="IsLeader"/> before acting.</para>
/// <para>Handlers run on the election loop; they must return quickly (start work, do not await it).</para>
/// </remarks>
public interface ILeaderLease
{
    /// <summary>This candidate's identity as written to the lease.</summary>
    string Identity { get; }

    /// <summary>True while this candidate holds a lease renewed within RenewDeadline; turns false at the deadline even before the loop notices.</summary>
    bool IsLeader { get; }

    /// <summary>The holder last observed on the lease; null when free or unknown.</summary>
    string? CurrentLeader { get; }

    /// <summary>Raised after the lease was acquired.</summary>
    event EventHandler<StartedLeadingEventArgs>? StartedLeading;

    /// <summary>Raised after leadership ended (only if it had started); <see cref="StoppedLeadingEventArgs.Lost"/> tells why.</summary>
    event EventHandler<StoppedLeadingEventArgs>? StoppedLeading;

    /// <summary>Raised when the observed holder changes, including to this candidate.</summary>
    event EventHandler<NewLeaderEventArgs>? NewLeader;

    /// <summary>Campaigns, leads, and returns when the term ends; cancelling it stops gracefully (releasing the lease if configured).</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Stops a running term, releasing the lease if held, and waits until <see cref="RunAsync"/> has returned.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
