using System.ComponentModel;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>A channel: its member organizations, orderer endpoints and how blocks travel to the peers.</summary>
[Description("A channel: its member organizations, orderer endpoints and how blocks travel to the peers.")]
[CustomResource("Channel", "channels", ShortName = "ch")]
[PrinterColumn("Mode", "string", ".spec.dissemination.mode", Order = 1, Description = "Block dissemination mode.")]
[PrinterColumn("Orgs", "string", ".spec.organizations", Order = 2, Description = "Member organizations.")]
[PrinterColumn("Height", "integer", ".status.height", Order = 3, Description = "Height of the channel at the orderer.")]
[PrinterColumn("Lag", "integer", ".status.lag", Order = 4, Priority = 1, Description = "Blocks the furthest-behind peer lacks.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Order = 5, Description = "The Ready condition.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 6)]
public sealed record Channel : KubeObject<ChannelSpec, ChannelStatus>
{
    /// <summary>Creates a Channel with its apiVersion and kind set.</summary>
    public Channel()
    {
        ApiVersion = GossipApi.ApiVersion;
        Kind = nameof(Channel);
    }
}
