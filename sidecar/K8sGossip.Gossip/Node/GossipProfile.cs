namespace K8sGossip.Gossip.Node;

/// <summary>Which set of protocol defaults a node runs with.</summary>
public enum GossipProfile
{
    /// <summary>K8sGossip's defaults: Plumtree push with lazy repair, fast failure detection, quick pull.</summary>
    Default,

    /// <summary>Hyperledger Fabric's defaults, as a baseline to compare against: infect-and-die push with fanout 3,
    /// pull every 4 s, alive every 5 s and expiry after 25 s, StateInfo every 4 s.</summary>
    FabricDefaults,
}
