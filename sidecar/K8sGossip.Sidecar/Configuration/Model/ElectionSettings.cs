namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Leadership: Fabric's flags and <c>election.*</c> timers, and K8sGossip's mode, ranking and Lease timing.</summary>
public sealed record ElectionSettings
{
    /// <summary>The effective mode (<c>k8sgossip.election.mode</c>, or derived from <c>useLeaderElection</c>).</summary>
    public required LeaderElectionMode Mode { get; init; }

    /// <summary>Effective <c>peer.gossip.useLeaderElection</c>.</summary>
    public required bool UseLeaderElection { get; init; }

    /// <summary>Effective <c>peer.gossip.orgLeader</c>.</summary>
    public required bool OrgLeader { get; init; }

    /// <summary><c>election.startupGracePeriod</c>.</summary>
    public required TimeSpan StartupGracePeriod { get; init; }

    /// <summary><c>election.membershipSampleInterval</c>.</summary>
    public required TimeSpan MembershipSampleInterval { get; init; }

    /// <summary><c>election.leaderAliveThreshold</c>.</summary>
    public required TimeSpan LeaderAliveThreshold { get; init; }

    /// <summary><c>election.leaderElectionDuration</c>.</summary>
    public required TimeSpan LeaderElectionDuration { get; init; }

    /// <summary><c>k8sgossip.election.heightTolerance</c>.</summary>
    public required int HeightTolerance { get; init; }

    /// <summary><c>k8sgossip.election.yieldPeriod</c>.</summary>
    public required TimeSpan YieldPeriod { get; init; }

    /// <summary><c>k8sgossip.election.lease.duration</c>.</summary>
    public required TimeSpan LeaseDuration { get; init; }

    /// <summary><c>k8sgossip.election.lease.renewDeadline</c>.</summary>
    public required TimeSpan LeaseRenewDeadline { get; init; }

    /// <summary><c>k8sgossip.election.lease.retryPeriod</c>.</summary>
    public required TimeSpan LeaseRetryPeriod { get; init; }
}
