using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>The leader election of an organization.</summary>
/// <param name="Mode">static, dynamic or lease.</param>
/// <param name="StaticLeaders">The names of the leading peers with mode static; empty otherwise.</param>
public sealed record ElectionPlan(ElectionMode Mode, IReadOnlyList<string> StaticLeaders);
