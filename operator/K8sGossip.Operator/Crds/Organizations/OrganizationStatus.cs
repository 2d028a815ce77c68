using System.ComponentModel;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>The observed state of an Organization, written by the operator from the sidecars' reports.</summary>
public sealed record OrganizationStatus
{
    [ListMapKey("type")]
    [Description("Ready, Progressing and Degraded conditions.")]
    public List<Condition>? Conditions { get; init; }

    [Description("The metadata.generation this status describes.")]
    public long? ObservedGeneration { get; init; }

    [Description("Peers that joined membership and caught up with their channels.")]
    public int? ReadyPeers { get; init; }

    [Description("Each peer's state, heights and leadership.")]
    public List<PeerStatus>? Peers { get; init; }

    [Description("The leading peers of the organization in each channel.")]
    public List<ChannelLeaders>? Leaders { get; init; }

    [Description("Leaders as channel=peer pairs, for kubectl get.")]
    public string? LeaderSummary { get; init; }
}
