namespace K8sGossip.Gossip.Channels;

/// <summary>How a channel's blocks reach the peers of an organization (carried here, acted on by the block layer).</summary>
public enum ChannelDisseminationMode
{
    /// <summary>One leader per organization pulls from the orderer; the other peers receive by gossip push and pull.
    /// Least load on the orderer; latency depends on the gossip layer.</summary>
    Gossip,

    /// <summary>Every peer pulls from the orderer; gossip carries membership and heights only.
    /// Lowest latency; the orderer serves every peer.</summary>
    Direct,

    /// <summary>Every peer pulls from the orderer while within the threshold of its height, and from an org peer
    /// close to the orderer when further behind, so catch-up does not load the orderer.</summary>
    Adaptive,
}
