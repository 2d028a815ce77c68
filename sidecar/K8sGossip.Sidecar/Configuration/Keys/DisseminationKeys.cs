using K8sGossip.Sidecar.Configuration.Model;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>K8sGossip's block push and memory keys, <c>k8sgossip.dissemination.*</c> and <c>k8sgossip.reorder.*</c>.</summary>
internal static class DisseminationKeys
{
    /// <summary><c>k8sgossip.dissemination.push</c>.</summary>
    public static readonly ConfigKey<PushStrategy> Push = new(
        "k8sgossip.dissemination.push", Parse.Choice(("tree", PushStrategy.Tree), ("random", PushStrategy.Random)), KeyDefaults.Differ("tree", "random"),
        "`tree`: eager push along a spanning tree plus lazy announcements to other peers, with immediate repair when an announced block is missing (Plumtree). `random`: Fabric's push, each new block forwarded once to `propagatePeerNum` random peers.",
        "Fabric's random push with fan-out 3 leaves about 6% of 100 peers without the block until the next pull; the tree reaches every peer with few duplicates.");

    /// <summary><c>k8sgossip.dissemination.eagerFanout</c>.</summary>
    public static readonly ConfigKey<int> EagerFanout = new(
        "k8sgossip.dissemination.eagerFanout", Parse.Integer(1, 64), KeyDefaults.Same("3"),
        "Peers a block is pushed to in full (`tree` mode); duplicates prune the tree down to one path per peer.");

    /// <summary><c>k8sgossip.dissemination.lazyFanout</c>.</summary>
    public static readonly ConfigKey<int> LazyFanout = new(
        "k8sgossip.dissemination.lazyFanout", Parse.Integer(0, 64), KeyDefaults.Same("6"),
        "Peers told only a block's digest (`tree` mode); a peer that hears a digest but not the block asks for it, which also repairs the tree.");

    /// <summary><c>k8sgossip.dissemination.ihaveBatchSize</c>.</summary>
    public static readonly ConfigKey<int> IHaveBatchSize = new(
        "k8sgossip.dissemination.ihaveBatchSize", Parse.Integer(1, 4_096), KeyDefaults.Same("64"),
        "Most digests sent in one lazy announcement.");

    /// <summary><c>k8sgossip.dissemination.ihaveBatchDelay</c>.</summary>
    public static readonly ConfigKey<TimeSpan> IHaveBatchDelay = new(
        "k8sgossip.dissemination.ihaveBatchDelay", Parse.Duration("0", "1s"), KeyDefaults.Same("5ms"),
        "Longest time a digest waits to be batched with others. Must be shorter than `graftTimeout`.");

    /// <summary><c>k8sgossip.dissemination.graftTimeout</c>.</summary>
    public static readonly ConfigKey<TimeSpan> GraftTimeout = new(
        "k8sgossip.dissemination.graftTimeout", Parse.Duration("1ms", "1m"), KeyDefaults.Same("30ms"),
        "How long a peer that heard a digest waits for the block itself to arrive by push before requesting it from the announcer (graft).");

    /// <summary><c>k8sgossip.dissemination.graftRetryTimeout</c>.</summary>
    public static readonly ConfigKey<TimeSpan> GraftRetryTimeout = new(
        "k8sgossip.dissemination.graftRetryTimeout", Parse.Duration("1ms", "1m"), KeyDefaults.Same("200ms"),
        "How long to wait for a requested (grafted) block before asking the next peer that announced it.");

    /// <summary><c>k8sgossip.dissemination.maxPullItems</c>.</summary>
    public static readonly ConfigKey<int> MaxPullItems = new(
        "k8sgossip.dissemination.maxPullItems", Parse.Integer(1, 100_000), KeyDefaults.Differ("64", "1000"),
        "Most blocks asked of one peer in one pull request.",
        "Bounds the burst one pull answer puts on a peer's uplink; a peer that is further behind catches up by state transfer, which streams.");

    /// <summary><c>k8sgossip.dissemination.farBehindThreshold</c>.</summary>
    public static readonly ConfigKey<int> FarBehindThreshold = new(
        "k8sgossip.dissemination.farBehindThreshold", Parse.Integer(0, 1_000_000), KeyDefaults.Differ("100", "0"),
        "Blocks are not pushed to a peer whose published height is more than this many blocks behind; it catches up by state transfer. It must exceed the blocks cut per `publishStateInfoInterval`, or peers that are merely not yet updated look far behind. 0 pushes to every peer, as Fabric does.",
        "A far-behind peer cannot commit a pushed block until it has caught up, so pushing wastes bandwidth and reorder memory.");

    /// <summary><c>k8sgossip.dissemination.storeMaxBytes</c>.</summary>
    public static readonly ConfigKey<long> StoreMaxBytes = new(
        "k8sgossip.dissemination.storeMaxBytes", Parse.Bytes("1KiB", "64GiB"), KeyDefaults.Same("64MiB"),
        "Most bytes of blocks per channel kept to answer pull (with `peer.gossip.maxBlockCountToStore` and `storeMaxAge`, the first bound reached wins).");

    /// <summary><c>k8sgossip.dissemination.storeMaxAge</c>.</summary>
    public static readonly ConfigKey<TimeSpan> StoreMaxAge = new(
        "k8sgossip.dissemination.storeMaxAge", Parse.Duration("1s", "24h"), KeyDefaults.Differ("1m", "400s"),
        "Age after which a block leaves the pull store. Must exceed `peer.gossip.pullInterval`.",
        "Fabric keeps blocks for 100 pull intervals (400 s); a minute (30 pull rounds) is plenty when push and lazy repair deliver almost everything, and an idle channel then holds no blocks.");

    /// <summary><c>k8sgossip.reorder.maxBytes</c>.</summary>
    public static readonly ConfigKey<long> ReorderMaxBytes = new(
        "k8sgossip.reorder.maxBytes", Parse.Bytes("1KiB", "64GiB"), KeyDefaults.Same("64MiB"),
        "Most bytes of out-of-order blocks held per channel while an earlier block is missing (the count is bounded by `peer.gossip.state.blockBufferSize`).");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Dissemination and memory (`k8sgossip.dissemination.*`, `k8sgossip.reorder.*`)",
        "How blocks are pushed inside an organization and how much memory a channel may use. Bounds are per channel, in count and bytes, so an idle channel costs little.",
        [Push, EagerFanout, LazyFanout, IHaveBatchSize, IHaveBatchDelay, GraftTimeout, GraftRetryTimeout, MaxPullItems, FarBehindThreshold, StoreMaxBytes, StoreMaxAge, ReorderMaxBytes]);
}
