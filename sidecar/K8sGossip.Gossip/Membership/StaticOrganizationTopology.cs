using System.Collections.Frozen;

namespace K8sGossip.Gossip.Membership;

/// <summary>An <see cref="IOrganizationTopology"/> from a fixed list of channels' member organizations.</summary>
public sealed class StaticOrganizationTopology : IOrganizationTopology
{
    private readonly FrozenSet<(string, string)>? _pairs;

    private StaticOrganizationTopology(FrozenSet<(string, string)>? pairs) => _pairs = pairs;

    /// <summary>Every organization shares a channel with every other (a single-consortium network).</summary>
    public static StaticOrganizationTopology AllShare { get; } = new(null);

    /// <summary>Builds the topology from the member organizations of each channel.</summary>
    public static StaticOrganizationTopology FromChannels(IEnumerable<IEnumerable<string>> channelMembers)
    {
        ArgumentNullException.ThrowIfNull(channelMembers);
        var pairs = new HashSet<(string, string)>();
        foreach (var channel in channelMembers)
        {
            var orgs = channel.ToList();
            foreach (var a in orgs)
            {
                foreach (var b in orgs)
                {
                    pairs.Add((a, b));
                }
            }
        }

        return new StaticOrganizationTopology(pairs.ToFrozenSet());
    }

    /// <inheritdoc />
    public bool ShareAChannel(string mspA, string mspB) =>
        string.Equals(mspA, mspB, StringComparison.Ordinal) || _pairs is null || _pairs.Contains((mspA, mspB));
}
