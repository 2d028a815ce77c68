using System.ComponentModel;

namespace K8sGossip.Operator.Crds;

/// <summary>The observed state of one member organization in a channel.</summary>
public sealed record ChannelOrganizationStatus
{
    [Description("Organization name.")]
    public string? Name { get; init; }

    [Description("Names of the organization's leading peers in the channel.")]
    public List<string>? Leaders { get; init; }

    [Description("Highest ledger height among the organization's peers.")]
    public long? Height { get; init; }

    [Description("Blocks the organization's furthest-behind peer lacks.")]
    public long? Lag { get; init; }
}
