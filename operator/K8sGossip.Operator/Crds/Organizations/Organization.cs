using System.ComponentModel;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>An organization (MSP) and its peers: one StatefulSet of gossip sidecars, plus optional application containers.</summary>
[Description("An organization (MSP) and its peers: one StatefulSet of gossip sidecars with optional application containers.")]
[CustomResource("Organization", "organizations", ShortName = "org")]
[PrinterColumn("MSP ID", "string", ".spec.mspId", Order = 1, Description = "The MSP ID of the organization.")]
[PrinterColumn("Peers", "integer", ".spec.peers", Order = 2, Description = "Desired number of peers.")]
[PrinterColumn("Ready Peers", "integer", ".status.readyPeers", Order = 3, Description = "Peers that joined membership and caught up.")]
[PrinterColumn("Leaders", "string", ".status.leaderSummary", Order = 4, Description = "Leader peer per channel.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Order = 5, Description = "The Ready condition.")]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", Order = 6, Priority = 1, Description = "Why the organization is or is not ready.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 7)]
public sealed record Organization : KubeObject<OrganizationSpec, OrganizationStatus>
{
    /// <summary>Creates an Organization with its apiVersion and kind set.</summary>
    public Organization()
    {
        ApiVersion = GossipApi.ApiVersion;
        Kind = nameof(Organization);
    }
}
