namespace K8sGossip.Gossip.Dissemination;

/// <summary>What became of an item that arrived.</summary>
internal enum IngestResult
{
    /// <summary>New and valid: stored and delivered.</summary>
    New,

    /// <summary>Held already, or too old to matter.</summary>
    Duplicate,

    /// <summary>Refused by the validator.</summary>
    Invalid,
}
