using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>Gossip settings with Fabric's peer.gossip names; absent keys keep the sidecar's documented defaults.</summary>
public sealed record GossipTuning
{
    [Range(1, 32)]
    [Description("Peers a new block is pushed to at once (peer.gossip.propagatePeerNum).")]
    public int? PropagatePeerNum { get; init; }

    [MaxLength(32)]
    [RegularExpression(SchemaPatterns.Duration)]
    [Description("Period of the pull (digest exchange) round, for example 4s (peer.gossip.pullInterval).")]
    public string? PullInterval { get; init; }

    [Range(1, 32)]
    [Description("Peers asked in each pull round (peer.gossip.pullPeerNum).")]
    public int? PullPeerNum { get; init; }

    [MaxLength(32)]
    [RegularExpression(SchemaPatterns.Duration)]
    [Description("Period of alive messages (peer.gossip.aliveTimeInterval).")]
    public string? AliveTimeInterval { get; init; }

    [MaxLength(32)]
    [RegularExpression(SchemaPatterns.Duration)]
    [Description("Silence after which a peer is considered dead; longer than aliveTimeInterval (peer.gossip.aliveExpirationTimeout).")]
    public string? AliveExpirationTimeout { get; init; }

    [MaxLength(32)]
    [RegularExpression(SchemaPatterns.Duration)]
    [Description("Period of reconnection attempts to dead peers (peer.gossip.reconnectInterval).")]
    public string? ReconnectInterval { get; init; }

    [MaxLength(32)]
    [RegularExpression(SchemaPatterns.Duration)]
    [Description("Period of StateInfo (ledger height) publication (peer.gossip.publishStateInfoInterval).")]
    public string? PublishStateInfoInterval { get; init; }
}
