using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>A <c>coordination.k8s.io/v1</c> Lease, used for leader election.</summary>
public sealed record Lease : KubeObject
{
    /// <summary>The lease record.</summary>
    public LeaseSpec? Spec { get; init; }
}

/// <summary>The lease record: who holds it, for how long, and since when.</summary>
public sealed record LeaseSpec : ExtensibleRecord
{
    /// <summary>The current holder; empty means the lease is free.</summary>
    public string? HolderIdentity { get; init; }

    /// <summary>How long other candidates wait after their own observation of the last change.</summary>
    public int? LeaseDurationSeconds { get; init; }

    /// <summary>When the current holder acquired the lease (informational).</summary>
    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; init; }

    /// <summary>When the holder last renewed (informational; never used to judge expiry).</summary>
    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; init; }

    /// <summary>How many times the holder changed.</summary>
    public int? LeaseTransitions { get; init; }
}
