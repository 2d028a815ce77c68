namespace K8sGossip.Gossip.Membership;

/// <summary>How membership decides that a peer is dead.</summary>
public enum FailureDetection
{
    /// <summary>SWIM with the Lifeguard refinements: direct probes, indirect probes through other peers, a suspicion
    /// that a newer alive refutes and that shortens as independent accusers confirm it, and local-health awareness.
    /// Detects a crash in a few seconds without false alarms on a lossy network.</summary>
    Swim,

    /// <summary>Fabric's behaviour: a peer is dead when no alive message arrived for the alive expiration timeout
    /// (25 s by default). Kept as the baseline that benchmarks compare against.</summary>
    AliveExpiration,
}
