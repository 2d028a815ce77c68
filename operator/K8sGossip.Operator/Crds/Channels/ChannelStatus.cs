using System.ComponentModel;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>The observed state of a Channel.</summary>
public sealed record ChannelStatus
{
    [ListMapKey("type")]
    [Description("Ready, Progressing and Degraded conditions.")]
    public List<Condition>? Conditions { get; init; }

    [Description("The metadata.generation this status describes.")]
    public long? ObservedGeneration { get; init; }

    [Description("Height of the channel at the orderer.")]
    public long? Height { get; init; }

    [Description("Blocks the furthest-behind peer of the channel lacks.")]
    public long? Lag { get; init; }

    [Description("Leaders, height and lag of each member organization.")]
    public List<ChannelOrganizationStatus>? Organizations { get; init; }
}
