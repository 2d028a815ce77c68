namespace K8sGossip.Kubernetes.LeaderElection;

/// <summary>Raised when this candidate becomes leader.</summary>
/// <param name="leadershipToken">Cancelled the moment leadership ends; pass it to all leader-only work.</param>
public sealed class StartedLeadingEventArgs(CancellationToken leadershipToken) : EventArgs
{
    /// <summary>Cancelled the moment leadership ends; pass it to all leader-only work.</summary>
    public CancellationToken LeadershipToken { get; } = leadershipToken;
}

/// <summary>Raised when this candidate stops leading.</summary>
/// <param name="lost">True when renewal failed (or another holder appeared); false for a graceful stop or release.</param>
public sealed class StoppedLeadingEventArgs(bool lost) : EventArgs
{
    /// <summary>True when renewal failed (or another holder appeared); false for a graceful stop or release.</summary>
    public bool Lost { get; } = lost;
}

/// <summary>Raised when the observed holder of the Lease changes.</summary>
/// <param name="identity">The new holder; null when the Lease was released.</param>
public sealed class NewLeaderEventArgs(string? identity) : EventArgs
{
    /// <summary>The new holder; null when the Lease was released.</summary>
    public string? Identity { get; } = identity;
}
