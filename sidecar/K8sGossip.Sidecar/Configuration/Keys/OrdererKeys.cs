using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>K8sGossip's ordering-service keys, <c>k8sgossip.orderer.*</c>: where peers find it, and how the orderer role cuts blocks.</summary>
internal static class OrdererKeys
{
    /// <summary><c>k8sgossip.orderer.endpoints</c>.</summary>
    public static readonly ConfigKey<IReadOnlyList<HostPort?>> Endpoints = new(
        "k8sgossip.orderer.endpoints", Parse.Endpoints(), KeyDefaults.Same(string.Empty) with { Example = "orderer0.example.com:7050" },
        "Orderer endpoints used for channels whose entry in the channel file lists none. In the `peer` role every channel needs orderer endpoints from one of the two.");

    /// <summary><c>k8sgossip.orderer.mspId</c>.</summary>
    public static readonly ConfigKey<string> MspId = new(
        "k8sgossip.orderer.mspId", Parse.MspId(), KeyDefaults.Same("OrdererMSP"),
        "MSP ID of the ordering organization; its CA in the channel file's trust bundle verifies block signatures.");

    /// <summary><c>k8sgossip.orderer.batch.maxMessages</c>.</summary>
    public static readonly ConfigKey<int> BatchMaxMessages = new(
        "k8sgossip.orderer.batch.maxMessages", Parse.Integer(1, 1_000_000), KeyDefaults.Differ("500", "10"),
        "Orderer role: a block is cut when it holds this many envelopes (Fabric's `BatchSize.MaxMessageCount`).",
        "Fabric's sample channel value of 10 makes many tiny blocks under load; 500 lets throughput grow with the batch while `batch.timeout` bounds latency.");

    /// <summary><c>k8sgossip.orderer.batch.maxBytes</c>.</summary>
    public static readonly ConfigKey<long> BatchMaxBytes = new(
        "k8sgossip.orderer.batch.maxBytes", Parse.Bytes("1KiB", "512MiB"), KeyDefaults.Differ("2MiB", "512KiB"),
        "Orderer role: a block is cut when its envelopes reach this size (Fabric's `BatchSize.PreferredMaxBytes`).",
        "2 MiB blocks are the size the Fabric performance studies use; fewer, larger blocks cost fewer signatures per envelope.");

    /// <summary><c>k8sgossip.orderer.batch.timeout</c>.</summary>
    public static readonly ConfigKey<TimeSpan> BatchTimeout = new(
        "k8sgossip.orderer.batch.timeout", Parse.Duration("1ms", "1m"), KeyDefaults.Differ("200ms", "2s"),
        "Orderer role: a non-empty block is cut at the latest this long after its first envelope (Fabric's `BatchTimeout`).",
        "Block latency is bounded by this timeout under light load; 2 s dominates every dissemination improvement.");

    /// <summary><c>k8sgossip.orderer.generator.rate</c>.</summary>
    public static readonly ConfigKey<int> GeneratorRate = new(
        "k8sgossip.orderer.generator.rate", Parse.Integer(0, 100_000), KeyDefaults.Same("0"),
        "Orderer role only: blocks per second cut from generated envelopes, per channel, for benchmarks and demonstrations. 0 turns the generator off.");

    /// <summary><c>k8sgossip.orderer.generator.blockBytes</c>.</summary>
    public static readonly ConfigKey<long> GeneratorBlockBytes = new(
        "k8sgossip.orderer.generator.blockBytes", Parse.Bytes("1", "512MiB"), KeyDefaults.Same("16KiB"),
        "Orderer role only: payload size of each generated block.");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Ordering service (`k8sgossip.orderer.*`)",
        "Where peers find the ordering service, and, in the `orderer` role, how blocks are cut.",
        [Endpoints, MspId, BatchMaxMessages, BatchMaxBytes, BatchTimeout, GeneratorRate, GeneratorBlockBytes]);
}
