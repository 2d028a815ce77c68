using System.Collections.Immutable;

namespace K8sGossip.Gossip.Channels;

/// <summary>A channel as configuration defines it: its member organizations, their anchor peers and how blocks reach peers.</summary>
/// <param name="Name">The channel name.</param>
/// <param name="MemberOrgs">MSP IDs of the organizations in the channel.</param>
/// <param name="AnchorPeers">Endpoints (host:port) of each member organization's anchor peers, keyed by MSP ID.</param>
/// <param name="Mode">How blocks reach the peers (used by the block layer).</param>
/// <param name="AdaptiveThreshold">Blocks behind the orderer beyond which an adaptive peer streams from an org peer.</param>
public sealed record ChannelConfig(
    string Name,
    ImmutableArray<string> MemberOrgs,
    ImmutableDictionary<string, ImmutableArray<string>> AnchorPeers,
    ChannelDisseminationMode Mode = ChannelDisseminationMode.Gossip,
    int AdaptiveThreshold = 10)
{
    /// <summary>The longest channel name accepted (it is carried in every channel message).</summary>
    public const int MaxNameLength = 249;

    /// <summary>A channel of the given organizations with no anchor peers.</summary>
    public static ChannelConfig Of(string name, params string[] memberOrgs) =>
        new(name, [.. memberOrgs], ImmutableDictionary<string, ImmutableArray<string>>.Empty);

    /// <summary>Whether <paramref name="mspId"/> is a member organization.</summary>
    public bool HasMember(string mspId) => MemberOrgs.Contains(mspId, StringComparer.Ordinal);

    /// <summary>Anchor peer endpoints of all member organizations.</summary>
    public IEnumerable<string> AllAnchorPeers => AnchorPeers.Values.SelectMany(a => a);

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting when the configuration is inconsistent.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength)
        {
            throw new ArgumentException($"channels[].name must be 1..{MaxNameLength} characters, got '{Name}'.");
        }

        if (MemberOrgs.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"channels[{Name}].organizations must list at least one organization.");
        }

        if (MemberOrgs.Distinct(StringComparer.Ordinal).Count() != MemberOrgs.Length)
        {
            throw new ArgumentException($"channels[{Name}].organizations lists an organization twice.");
        }

        foreach (var org in AnchorPeers.Keys)
        {
            if (!HasMember(org))
            {
                throw new ArgumentException($"channels[{Name}].anchorPeers names organization '{org}', which is not a member of the channel.");
            }
        }

        if (AdaptiveThreshold < 1)
        {
            throw new ArgumentException($"channels[{Name}].dissemination.threshold must be at least 1, got {AdaptiveThreshold}.");
        }
    }
}
