using K8sGossip.Gossip.Membership;

namespace K8sGossip.Gossip.Node;

/// <summary>
/// A membership view fixed from outside instead of learned by the membership protocol: large simulations
/// (10,000 nodes) give each node a bounded random sample of peers, where running full membership would
/// cost O(n²).
/// </summary>
public sealed class PresetMembershipView : IMembershipView
{
    /// <summary>Creates a view of <paramref name="members"/> (all alive).</summary>
    public PresetMembershipView(IEnumerable<MemberInfo> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Current = new MembershipSnapshot(1, [.. members]);
    }

    /// <inheritdoc />
    public MembershipSnapshot Current { get; private set; }

    /// <inheritdoc />
    public event Action<MembershipSnapshot>? Changed;

    /// <summary>Replaces the view and raises <see cref="Changed"/> (call under the node's gate).</summary>
    public void Set(IEnumerable<MemberInfo> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Current = new MembershipSnapshot(Current.Version + 1, [.. members]);
        Changed?.Invoke(Current);
    }
}
