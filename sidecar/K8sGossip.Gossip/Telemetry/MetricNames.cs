namespace K8sGossip.Gossip.Telemetry;

/// <summary>The names of the metrics on meter <c>K8sGossip</c>. Tags are low-cardinality (channel, reason, state,
/// source); never peer ids.</summary>
public static class MetricNames
{
    /// <summary>Known members by liveness (<c>state</c> = alive, suspect, dead); a gauge.</summary>
    public const string Members = "k8sgossip.members";

    /// <summary>Leadership gained or lost (<c>channel</c>, <c>leader</c> = true when gained); a counter.</summary>
    public const string LeaderChanges = "k8sgossip.leader.changes";

    /// <summary>Blocks made durable by a peer (<c>channel</c>); a counter.</summary>
    public const string BlocksCommitted = "k8sgossip.blocks.committed";

    /// <summary>Blocks cut by the ordering service (<c>channel</c>); a counter.</summary>
    public const string BlocksCut = "k8sgossip.blocks.cut";

    /// <summary>How many blocks a peer's ledger is behind the highest height it knows of (<c>channel</c>); a gauge.</summary>
    public const string HeightLag = "k8sgossip.height.lag";

    /// <summary>Milliseconds from a block's cut (its metadata timestamp) to its commit on a peer (<c>channel</c>); a histogram.</summary>
    public const string DisseminationLatency = "k8sgossip.dissemination.latency";

    /// <summary>Copies of blocks received by gossip (<c>channel</c>, <c>source</c>, <c>duplicate</c>); a counter. Copies
    /// per block = all copies / first copies.</summary>
    public const string CopiesReceived = "k8sgossip.blocks.copies_received";

    /// <summary>Bytes handed to connections (<c>stream</c> = gossip); a counter.</summary>
    public const string BytesSent = "k8sgossip.bytes.sent";

    /// <summary>Gossip messages dropped before sending (<c>reason</c> = queue_full, pending_full, ...); a counter.</summary>
    public const string QueueDrops = "k8sgossip.queue.drops";

    /// <summary>Messages, frames and connections refused (<c>reason</c>); a counter.</summary>
    public const string Rejections = "k8sgossip.rejections";

    /// <summary>Other protocol events counted by the engine (<c>name</c>); a counter.</summary>
    public const string Events = "k8sgossip.events";
}
