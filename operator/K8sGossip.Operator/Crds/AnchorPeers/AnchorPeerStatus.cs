using System.ComponentModel;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>The observed state of an AnchorPeer.</summary>
public sealed record AnchorPeerStatus
{
    [ListMapKey("type")]
    [Description("The Resolved condition: whether the anchor names a reachable endpoint.")]
    public List<Condition>? Conditions { get; init; }

    [Description("The metadata.generation this status describes.")]
    public long? ObservedGeneration { get; init; }

    [Description("The resolved host:port announced in the channel.")]
    public string? Endpoint { get; init; }

    [Description("Name of the anchor peer, when given by ordinal.")]
    public string? PeerName { get; init; }
}
