namespace K8sGossip.Gossip.Dissemination;

/// <summary>How a data item reached this node.</summary>
public enum DataSource
{
    /// <summary>Published here (this node got it from the orderer).</summary>
    Local,

    /// <summary>Pushed by a peer.</summary>
    Push,

    /// <summary>Sent by a peer this node grafted after an announcement.</summary>
    Graft,

    /// <summary>Pulled by the periodic digest exchange.</summary>
    Pull,
}
