using System.ComponentModel;

namespace K8sGossip.Operator.Crds;

/// <summary>The leading peers of an organization in one channel.</summary>
public sealed record ChannelLeaders
{
    [Description("Channel name.")]
    public string? Channel { get; init; }

    [Description("Names of the leading peers; more than one only briefly, after a partition heals.")]
    public List<string>? Peers { get; init; }
}
