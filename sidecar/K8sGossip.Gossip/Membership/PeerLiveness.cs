namespace K8sGossip.Gossip.Membership;

/// <summary>What failure detection currently believes about a peer.</summary>
public enum PeerLiveness
{
    /// <summary>Heard from recently, or refuted suspicion.</summary>
    Alive,

    /// <summary>Missed probes; not yet declared dead (it may still refute).</summary>
    Suspect,

    /// <summary>Declared dead; retried at the reconnect interval until expiry.</summary>
    Dead,
}
