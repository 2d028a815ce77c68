using K8sGossip.Gossip.Membership;

namespace K8sGossip.Gossip.Channels;

/// <summary>Which organizations share a channel, from the channel configurations a node knows; membership uses it
/// so that nothing about an organization reaches organizations it shares no channel with.</summary>
public sealed class ChannelOrganizationTopology : IOrganizationTopology
{
    private readonly HashSet<(string, string)> _pairs = [];

    /// <summary>Builds the topology from <paramref name="channels"/>.</summary>
    public ChannelOrganizationTopology(IEnumerable<ChannelConfig> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        foreach (var channel in channels)
        {
            foreach (var a in channel.MemberOrgs)
            {
                foreach (var b in channel.MemberOrgs)
                {
                    _pairs.Add((a, b));
                }
            }
        }
    }

    /// <inheritdoc />
    public bool ShareAChannel(string mspA, string mspB) =>
        string.Equals(mspA, mspB, StringComparison.Ordinal) || _pairs.Contains((mspA, mspB));
}
