using System.ComponentModel;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>One anchor endpoint of an organization in a channel: how other organizations first find it.</summary>
[Description("One anchor endpoint of an organization in a channel, through which other organizations first find it.")]
[CustomResource("AnchorPeer", "anchorpeers", ShortName = "ap")]
[PrinterColumn("Channel", "string", ".spec.channel", Order = 1, Description = "The channel.")]
[PrinterColumn("Organization", "string", ".spec.organization", Order = 2, Description = "The organization the anchor belongs to.")]
[PrinterColumn("Endpoint", "string", ".status.endpoint", Order = 3, Description = "The resolved host:port.")]
[PrinterColumn("Resolved", "string", ".status.conditions[?(@.type==\"Resolved\")].status", Order = 4, Description = "The Resolved condition.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 5)]
public sealed record AnchorPeer : KubeObject<AnchorPeerSpec, AnchorPeerStatus>
{
    /// <summary>Creates an AnchorPeer with its apiVersion and kind set.</summary>
    public AnchorPeer()
    {
        ApiVersion = GossipApi.ApiVersion;
        Kind = nameof(AnchorPeer);
    }
}
