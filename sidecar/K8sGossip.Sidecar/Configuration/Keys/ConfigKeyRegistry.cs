using System.Collections.Frozen;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>Every configuration key, in one table the loader, the validation and the documentation share.</summary>
internal static class ConfigKeyRegistry
{
    /// <summary>Keys that other systems (or older drafts of this configuration) name differently: the user's name, and the key that means the same.</summary>
    public static readonly IReadOnlyDictionary<string, string> Synonyms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["k8sgossip.reorder.maxBlocks"] = StateTransferKeys.BlockBufferSize.Path,
        ["k8sgossip.dissemination.storeMaxBlocks"] = GossipKeys.MaxBlockCountToStore.Path,
        ["k8sgossip.dissemination.storeMaxCount"] = GossipKeys.MaxBlockCountToStore.Path,
        ["k8sgossip.election.leaderAliveThreshold"] = GossipElectionKeys.LeaderAliveThreshold.Path,
        ["peer.gossip.election.mode"] = LeaderElectionKeys.Mode.Path,
        ["peer.listenAddress"] = SidecarKeys.PeerPort.Path,
        ["peer.gossip.fanout"] = GossipKeys.PropagatePeerNum.Path,
    };

    /// <summary>Fabric keys (or sections) that K8sGossip deliberately does not read, and why; still rejected, with that reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> UnsupportedFabricKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["peer.gossip.skipBlockVerification"] = "blocks are always verified (Fabric reads this key but does not use it either)",
        ["peer.gossip.nonBlockingCommitMode"] = "blocks are always committed in order through the bounded reorder window (peer.gossip.state.blockBufferSize, k8sgossip.reorder.maxBytes)",
        ["peer.gossip.membershipTrackerInterval"] = "membership changes are published as they happen, in metrics and the local API",
        ["peer.gossip.publishCertPeriod"] = "every handshake carries the peer's certificate, so alive messages never need to",
        ["peer.gossip.stateInfoRetentionInterval"] = "Fabric does not read it either; StateInfo of departed peers is dropped with their membership",
        ["peer.gossip.state.channelSize"] = "catch-up streams with bounded buffers sized from peer.gossip.state.blockBufferSize",
        ["peer.gossip.pvtData"] = "private data dissemination is not part of K8sGossip",
        ["peer.deliveryclient.blockGossipEnabled"] = "choose per channel with channels[].dissemination.mode in the channel file (gossip pushes blocks; direct and adaptive do not)",
    };

    /// <summary>The documented groups, in order.</summary>
    public static IReadOnlyList<KeyGroup> Groups { get; } =
    [
        PeerKeys.Group,
        GossipKeys.Group,
        GossipElectionKeys.Group,
        StateTransferKeys.Group,
        DeliveryClientKeys.Group,
        SidecarKeys.Group,
        LeaderElectionKeys.Group,
        FailureDetectionKeys.Group,
        DisseminationKeys.Group,
        OrdererKeys.Group,
    ];

    /// <summary>Every key.</summary>
    public static IReadOnlyList<ConfigKey> All { get; } = [.. Groups.SelectMany(g => g.Keys)];

    private static readonly Lazy<FrozenDictionary<string, ConfigKey>> ByPath = new(() =>
        All.ToFrozenDictionary(k => k.Path, StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<FrozenDictionary<string, ConfigKey>> ByEnvironmentVariable = new(() =>
        All.ToFrozenDictionary(k => k.EnvironmentVariable, StringComparer.Ordinal));

    private static readonly Lazy<FrozenSet<string>> SectionPaths = new(() =>
        All.SelectMany(k => Prefixes(k.Path)).ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>The environment-variable prefixes under which an unknown variable is an error.</summary>
    public static IReadOnlyList<string> StrictEnvironmentPrefixes { get; } = ["CORE_PEER_GOSSIP_", "K8SGOSSIP_"];

    /// <summary>The key at <paramref name="path"/>, compared case-insensitively as Viper does.</summary>
    public static ConfigKey? FindByPath(string path) => ByPath.Value.GetValueOrDefault(path);

    /// <summary>The key an environment variable overrides.</summary>
    public static ConfigKey? FindByEnvironmentVariable(string name) => ByEnvironmentVariable.Value.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="path"/> is a section that holds keys (e.g. <c>peer.gossip.election</c>).</summary>
    public static bool IsSection(string path) => SectionPaths.Value.Contains(path);

    private static IEnumerable<string> Prefixes(string path)
    {
        for (var i = path.IndexOf('.', StringComparison.Ordinal); i > 0; i = path.IndexOf('.', i + 1))
        {
            yield return path[..i];
        }
    }
}
