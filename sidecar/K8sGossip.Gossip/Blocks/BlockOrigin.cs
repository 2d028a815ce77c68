namespace K8sGossip.Gossip.Blocks;

/// <summary>The path a block arrived by; named in the log when a block is refused.</summary>
public enum BlockOrigin
{
    /// <summary>Pushed by a peer (eager push or repair).</summary>
    Push,

    /// <summary>Received through the pull (digest) exchange.</summary>
    Pull,

    /// <summary>Streamed from a peer during catch-up.</summary>
    StateTransfer,

    /// <summary>Pulled from the ordering service's Deliver stream.</summary>
    Deliver,

    /// <summary>Cut locally by the orderer role.</summary>
    Local,
}
