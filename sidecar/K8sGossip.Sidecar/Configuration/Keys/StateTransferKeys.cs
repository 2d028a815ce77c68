namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>Fabric's catch-up keys, <c>peer.gossip.state.*</c>.</summary>
internal static class StateTransferKeys
{
    /// <summary><c>peer.gossip.state.enabled</c>.</summary>
    public static readonly ConfigKey<bool> Enabled = new(
        "peer.gossip.state.enabled", Parse.Boolean(), KeyDefaults.Differ("true", "false"),
        "Catch up from other peers when this peer is behind the channel's height.",
        "Catch-up streams blocks through `Deliver.Blocks` with several in flight instead of Fabric's stop-and-wait batches, so it is worth running; Fabric turned its own off because it was slow.");

    /// <summary><c>peer.gossip.state.checkInterval</c>.</summary>
    public static readonly ConfigKey<TimeSpan> CheckInterval = new(
        "peer.gossip.state.checkInterval", Parse.Duration("10ms", "1h"), KeyDefaults.Differ("2s", "10s"),
        "How often the peer compares its height with its peers' to decide whether to catch up.",
        "A comparison of heights already known from StateInfo costs nothing; a peer that fell behind starts catching up within 2 s instead of 10 s.");

    /// <summary><c>peer.gossip.state.responseTimeout</c>.</summary>
    public static readonly ConfigKey<TimeSpan> ResponseTimeout = new(
        "peer.gossip.state.responseTimeout", Parse.Duration("10ms", "10m"), KeyDefaults.Same("3s"),
        "Longest wait for the next block of a catch-up stream before switching to another peer.");

    /// <summary><c>peer.gossip.state.batchSize</c>.</summary>
    public static readonly ConfigKey<int> BatchSize = new(
        "peer.gossip.state.batchSize", Parse.Integer(1, 100_000), KeyDefaults.Differ("64", "10"),
        "Blocks per catch-up request. Fabric waits for each batch before asking for the next; here several batches are in flight. Must not exceed `blockBufferSize`.",
        "Larger requests amortize per-request verification and round trips; 64 blocks still fit the reorder window.");

    /// <summary><c>peer.gossip.state.blockBufferSize</c>.</summary>
    public static readonly ConfigKey<int> BlockBufferSize = new(
        "peer.gossip.state.blockBufferSize", Parse.Integer(1, 1_000_000), KeyDefaults.Differ("200", "20"),
        "Reorder window: most blocks held while waiting for a missing earlier one. Blocks further ahead are dropped (and fetched again later). Also bounded in bytes by `k8sgossip.reorder.maxBytes`.",
        "Memory is bounded by `k8sgossip.reorder.maxBytes`, so the window can hold several pipelined catch-up batches.");

    /// <summary><c>peer.gossip.state.maxRetries</c>.</summary>
    public static readonly ConfigKey<int> MaxRetries = new(
        "peer.gossip.state.maxRetries", Parse.Integer(0, 1_000), KeyDefaults.Same("3"),
        "Retries of a failed catch-up request (each on another peer when one is available) before the round is abandoned until the next check.");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Catch-up (`peer.gossip.state.*`)",
        "State transfer: how a peer that is behind obtains the missing blocks from its peers.",
        [Enabled, CheckInterval, ResponseTimeout, BatchSize, BlockBufferSize, MaxRetries]);
}
