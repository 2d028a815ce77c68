namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>How a channel's blocks reach the peers of an organization.</summary>
public enum BlockDisseminationMode
{
    /// <summary>One leader per organization pulls from the orderer; the others receive by push and pull.</summary>
    Gossip,

    /// <summary>Every peer pulls from the orderer; gossip carries membership and heights only.</summary>
    Direct,

    /// <summary>Every peer pulls from the orderer while close to its height, else from an org peer that is.</summary>
    Adaptive,
}
