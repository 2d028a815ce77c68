namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>How an organization picks the peer that pulls a channel's blocks from the ordering service in <c>gossip</c> mode.</summary>
public enum LeaderElectionMode
{
    /// <summary>Peers with <c>orgLeader: true</c> are leaders; no election traffic.</summary>
    Static,

    /// <summary>Heartbeat election over gossip, ranked by ledger height, then PKI-ID.</summary>
    Dynamic,

    /// <summary>One Kubernetes Lease per (organization, channel).</summary>
    Lease,
}
