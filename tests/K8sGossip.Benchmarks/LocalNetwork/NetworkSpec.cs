namespace K8sGossip.Benchmarks.LocalNetwork;

/// <summary>What a <see cref="SidecarNetwork"/> runs: one organization of peers in gossip mode over the listed channels,
/// and a solo orderer serving those channels, optionally cutting generated blocks on each of them.</summary>
internal sealed record NetworkSpec
{
    public required int Peers { get; init; }

    public IReadOnlyList<string> Channels { get; init; } = ["bench"];

    /// <summary>The peers' <c>k8sgossip.profile</c>.</summary>
    public string Profile { get; init; } = "default";

    /// <summary>The peers' <c>k8sgossip.election.mode</c> (gossip mode).</summary>
    public string Election { get; init; } = "dynamic";

    /// <summary>Sets <c>peer.gossip.state.enabled</c> to true whatever the profile says (Fabric's own defaults turn it off,
    /// since Fabric 2 recommends every peer pulling from the orderer rather than election).</summary>
    public bool StateTransfer { get; init; }

    /// <summary><c>k8sgossip.orderer.generator.rate</c> (blocks per second per channel); 0 turns it off.</summary>
    public int GeneratorRate { get; init; }

    /// <summary><c>k8sgossip.orderer.generator.blockBytes</c>.</summary>
    public long GeneratorBlockBytes { get; init; } = 4096;
}
