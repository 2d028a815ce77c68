using System.Collections.Immutable;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Channels;

/// <summary>
/// An immutable, versioned view of a channel's members (never including this node): live (alive or suspect) peers of member
/// organizations whose StateInfo this node verified and who have not left.
/// </summary>
public sealed record ChannelView(string Channel, long Version, ImmutableArray<ChannelMember> Members)
{
    private Dictionary<PkiId, ChannelMember>? _byId;

    /// <summary>The empty view of a channel.</summary>
    public static ChannelView Empty(string channel) => new(channel, 0, []);

    /// <summary>Finds a member by PKI-ID.</summary>
    public bool TryGet(PkiId pkiId, out ChannelMember member)
    {
        _byId ??= Members.ToDictionary(m => m.PkiId);
        return _byId.TryGetValue(pkiId, out member!);
    }

    /// <summary>Whether <paramref name="pkiId"/> is a member.</summary>
    public bool Contains(PkiId pkiId) => TryGet(pkiId, out _);

    /// <summary>The highest ledger height among the members; 0 when empty.</summary>
    public ulong MaxHeight => Members.IsEmpty ? 0 : Members.Max(m => m.LedgerHeight);
}
