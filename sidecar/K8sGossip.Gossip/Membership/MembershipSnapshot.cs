using System.Collections.Frozen;
using System.Collections.Immutable;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Membership;

/// <summary>
/// An immutable, versioned view of membership (never including this node). Upper layers subscribe to
/// the stream of snapshots and diff a new one against the previous.
/// </summary>
public sealed record MembershipSnapshot(long Version, ImmutableArray<MemberInfo> Members)
{
    private FrozenDictionary<PkiId, MemberInfo>? _byId;

    /// <summary>The empty snapshot, version 0.</summary>
    public static MembershipSnapshot Empty { get; } = new(0, []);

    /// <summary>Members whose state is <see cref="PeerLiveness.Alive"/>.</summary>
    public IEnumerable<MemberInfo> Alive => Members.Where(m => m.State == PeerLiveness.Alive);

    /// <summary>Finds a member by PKI-ID.</summary>
    public bool TryGet(PkiId pkiId, out MemberInfo member)
    {
        _byId ??= Members.ToFrozenDictionary(m => m.PkiId);
        return _byId.TryGetValue(pkiId, out member!);
    }
}
