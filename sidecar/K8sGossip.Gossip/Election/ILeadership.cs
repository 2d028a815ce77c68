namespace K8sGossip.Gossip.Election;

/// <summary>
/// The seam between whoever decides leadership (static configuration, dynamic election, a Kubernetes Lease)
/// and the block layer that acts on it (the leader pulls from the orderer).
/// </summary>
public interface ILeadership
{
    /// <summary>Whether this peer leads its organization in the channel now.</summary>
    bool IsLeader { get; }

    /// <summary>Raised with true when leadership is gained and false when it is lost or given up. A peer that
    /// receives false must stop acting as leader at once.</summary>
    event Action<bool>? LeadershipChanged;

    /// <summary>Begins taking part.</summary>
    void Start();

    /// <summary>Gives leadership up for a while (the orderer is unreachable) so another peer takes over.</summary>
    void Yield();

    /// <summary>Stops taking part; a leader first hands over to its best successor when <paramref name="handOver"/>.</summary>
    void Stop(bool handOver);
}
