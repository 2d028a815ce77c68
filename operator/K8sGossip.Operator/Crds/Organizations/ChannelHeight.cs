using System.ComponentModel;

namespace K8sGossip.Operator.Crds;

/// <summary>A ledger height in one channel.</summary>
public sealed record ChannelHeight
{
    [Description("Channel name.")]
    public string? Channel { get; init; }

    [Description("Number of committed blocks.")]
    public long? Height { get; init; }
}
