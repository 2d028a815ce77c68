namespace K8sGossip.Gossip.Dissemination;

/// <summary>What one channel's dissemination did on this node; read by tests and benchmarks.</summary>
/// <remarks>Written under the node's gate; reads from other threads may be slightly stale.</remarks>
public sealed class DisseminationStats
{
    /// <summary>Data copies received (push, graft and pull), including duplicates.</summary>
    public long CopiesReceived { get; internal set; }

    /// <summary>Data copies received that this node already had.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Distinct items delivered to the layer above.</summary>
    public long Delivered { get; internal set; }

    /// <summary>Items delivered that arrived by push.</summary>
    public long DeliveredByPush { get; internal set; }

    /// <summary>Items delivered that arrived after a graft.</summary>
    public long DeliveredByGraft { get; internal set; }

    /// <summary>Items delivered that arrived by pull.</summary>
    public long DeliveredByPull { get; internal set; }

    /// <summary>Data messages sent by push (including graft answers).</summary>
    public long PushesSent { get; internal set; }

    /// <summary>Payload bytes sent in data messages (push, graft answers, pull responses).</summary>
    public long DataBytesSent { get; internal set; }

    /// <summary>Pushes skipped because the peer was far behind.</summary>
    public long FarBehindSkips { get; internal set; }

    /// <summary>Announcement messages sent.</summary>
    public long IHavesSent { get; internal set; }

    /// <summary>Grafts sent.</summary>
    public long GraftsSent { get; internal set; }

    /// <summary>Prunes sent.</summary>
    public long PrunesSent { get; internal set; }

    /// <summary>Pull rounds started.</summary>
    public long PullRounds { get; internal set; }

    /// <summary>Pull digests, requests and responses from honest but slow peers that missed their window.</summary>
    public long PullLateAnswers { get; internal set; }

    /// <summary>Items received that the validator refused.</summary>
    public long Invalid { get; internal set; }
}
