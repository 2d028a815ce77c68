using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Membership;

/// <summary>One peer in a membership snapshot.</summary>
/// <param name="PkiId">Who.</param>
/// <param name="MspId">Its organization.</param>
/// <param name="Endpoint">Its external endpoint; null when it has none (then it is invisible to other orgs).</param>
/// <param name="InternalEndpoint">Its internal endpoint; known only inside its own organization.</param>
/// <param name="Metadata">Opaque metadata from its alive message.</param>
/// <param name="State">Liveness as this node judges it.</param>
/// <param name="Incarnation">The incarnation of its latest alive message.</param>
/// <param name="Sequence">The sequence of its latest alive message.</param>
public sealed record MemberInfo(
    PkiId PkiId,
    string MspId,
    string? Endpoint,
    string? InternalEndpoint,
    ReadOnlyMemory<byte> Metadata,
    PeerLiveness State,
    ulong Incarnation,
    ulong Sequence)
{
    /// <summary>The endpoint to dial: internal when known (same org), else external.</summary>
    public string? DialEndpoint => InternalEndpoint ?? Endpoint;
}
