using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Election;

/// <summary>What a dynamic election needs from its channel: who it is, its height, its organization's peers in
/// the channel with their heights, and a way to reach them.</summary>
public interface IElectionChannel
{
    /// <summary>This peer.</summary>
    PkiId Self { get; }

    /// <summary>This peer's committed ledger height in the channel.</summary>
    ulong OwnHeight { get; }

    /// <summary>True when some peer of this organization is in the channel. A peer alone there builds no messages
    /// that nobody would receive: alone on many idle channels it would otherwise allocate several a second each.</summary>
    bool HasPeers { get; }

    /// <summary>Live peers of this peer's organization in the channel, with the heights their signed state reports.</summary>
    IReadOnlyList<ElectionCandidate> Peers();

    /// <summary>Signs and sends a leadership message to this organization's peers in the channel; called only when
    /// <see cref="HasPeers"/> is true.</summary>
    void Send(LeadershipMessage message);
}
