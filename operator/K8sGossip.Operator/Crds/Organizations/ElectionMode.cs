using System.Text.Json.Serialization;

namespace K8sGossip.Operator.Crds;

/// <summary>How an organization picks the leader that pulls blocks from the orderer in gossip mode.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ElectionMode>))]
public enum ElectionMode
{
    /// <summary>The peers listed in staticLeaders are leaders; no election runs.</summary>
    [JsonStringEnumMemberName("static")]
    Static,

    /// <summary>Heartbeat election over gossip, ranked by ledger height, then PKI-ID.</summary>
    [JsonStringEnumMemberName("dynamic")]
    Dynamic,

    /// <summary>One coordination.k8s.io Lease per organization and channel; needs a Kubernetes API.</summary>
    [JsonStringEnumMemberName("lease")]
    Lease,
}
