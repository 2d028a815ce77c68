namespace K8sGossip.Gossip.Membership;

/// <summary>Read access to membership: the current snapshot and the stream of new ones.</summary>
public interface IMembershipView
{
    /// <summary>The latest snapshot.</summary>
    MembershipSnapshot Current { get; }

    /// <summary>Raised (under the node's gate) each time a new snapshot is published.</summary>
    event Action<MembershipSnapshot>? Changed;
}
