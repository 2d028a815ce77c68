using System.ComponentModel;

namespace K8sGossip.Operator.Crds;

/// <summary>The observed state of one peer of an Organization.</summary>
public sealed record PeerStatus
{
    [Description("Peer name, <organization>-<ordinal>.")]
    public string? Name { get; init; }

    [Description("Membership state: Joining, Alive, Suspected, Dead or Leaving.")]
    public string? State { get; init; }

    [Description("Ledger height of the peer in each channel.")]
    public List<ChannelHeight>? Heights { get; init; }

    [Description("Channels in which this peer is the organization's leader.")]
    public List<string>? LeaderOf { get; init; }
}
