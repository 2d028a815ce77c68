namespace K8sGossip.Gossip.Dissemination;

/// <summary>How a new block is pushed to the organization's channel peers.</summary>
public enum PushMode
{
    /// <summary>Eager push along a spanning structure that duplicates prune, lazy announcements to the other
    /// peers, and an immediate graft when an announced block is missing: every peer in the common case,
    /// about one copy each.</summary>
    Plumtree,

    /// <summary>Fabric's push: on first receipt forward once to <c>fanout</c> random peers. About 6% of 100 peers are
    /// missed per block (they wait for pull) and each peer receives about 2.8 copies.</summary>
    InfectAndDie,
}
