namespace K8sGossip.Operator.Planning;

/// <summary>The desired state of a whole network, shared by the operator and the local network.</summary>
/// <param name="Target">Where it runs.</param>
/// <param name="Orderer">The local solo orderer; null in a cluster, where channels name their orderers.</param>
/// <param name="Organizations">Organizations, by namespace and name.</param>
/// <param name="Channels">Channels, by namespace and name.</param>
/// <param name="Identities">Every certificate to issue.</param>
public sealed record NetworkPlan(
    PlanningTarget Target,
    OrdererPlan? Orderer,
    IReadOnlyList<OrganizationPlan> Organizations,
    IReadOnlyList<ChannelPlan> Channels,
    IReadOnlyList<IdentityRequest> Identities)
{
    /// <summary>Every peer of every organization.</summary>
    public IReadOnlyList<PeerPlan> Peers => [.. Organizations.SelectMany(o => o.Peers)];
}
