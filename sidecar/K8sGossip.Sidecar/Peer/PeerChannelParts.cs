using K8sGossip.Gossip.Blocks;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Deliver;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Peer;

/// <summary>What a <see cref="PeerChannel"/> is built from: its ledger, its block sources and their settings
/// (<c>StateTransferEnabled</c>: <c>peer.gossip.state.enabled</c>, catch-up of a gossip-mode follower from its peers).</summary>
internal sealed record PeerChannelParts(
    ChannelDefinition Definition,
    BlockStore Store,
    BlockVerifier Verifier,
    BlockCommitter Committer,
    IReadOnlyList<BlockSourceEndpoint> Orderers,
    DeliverChannelPool Pool,
    BlockOptions BlockOptions,
    DeliverClientOptions ClientOptions,
    BlockSourceLoopOptions SourceLoopOptions,
    TimeSpan ReconnectTotalTimeThreshold,
    TimeSpan StartupGracePeriod,
    bool StateTransferEnabled,
    Func<string, Uri?> PeerDeliverAddress,
    TimeProvider Time,
    ILoggerFactory Loggers);
