namespace K8sGossip.Gossip.Election;

/// <summary>How an organization picks the peer that pulls blocks from the ordering service in `gossip` mode.</summary>
public enum ElectionMode
{
    /// <summary>Configured peers are leaders; no election traffic. Simple and predictable, but a dead static
    /// leader leaves its org without blocks until it returns.</summary>
    Static,

    /// <summary>Heartbeat election over gossip, ranked by ledger height then PKI-ID. Needs no Kubernetes API;
    /// a partition may briefly have one leader per side.</summary>
    Dynamic,

    /// <summary>A Kubernetes Lease per (organization, channel). At most one leader as long as the API server is
    /// reachable; a leader cut off from the API stops leading.</summary>
    Lease,
}
