namespace K8sGossip.Kubernetes.Models;

/// <summary>An apps/v1 StatefulSet.</summary>
public sealed record StatefulSet : KubeObject
{
    /// <summary>The desired set.</summary>
    public StatefulSetSpec? Spec { get; init; }

    /// <summary>The observed set.</summary>
    public StatefulSetStatus? Status { get; init; }
}

/// <summary>Replicas, pod template, stable network identity and update strategy.</summary>
public sealed record StatefulSetSpec : ExtensibleRecord
{
    /// <summary>Desired pod count.</summary>
    public int? Replicas { get; init; }

    /// <summary>Selects the set's pods; must match the template labels.</summary>
    public LabelSelector? Selector { get; init; }

    /// <summary>The headless service giving pods stable DNS names.</summary>
    public string? ServiceName { get; init; }

    /// <summary>The pod template.</summary>
    public PodTemplateSpec? Template { get; init; }

    /// <summary><c>OrderedReady</c> or <c>Parallel</c>.</summary>
    public string? PodManagementPolicy { get; init; }

    /// <summary>How template changes roll out.</summary>
    public StatefulSetUpdateStrategy? UpdateStrategy { get; init; }

    /// <summary>Per-pod volume claims; kept as full objects.</summary>
    public List<PersistentVolumeClaimTemplate>? VolumeClaimTemplates { get; init; }

    /// <summary>Revisions kept for rollback.</summary>
    public int? RevisionHistoryLimit { get; init; }

    /// <summary>Seconds a pod must be ready before it counts as available.</summary>
    public int? MinReadySeconds { get; init; }
}

/// <summary>How template changes roll out.</summary>
public sealed record StatefulSetUpdateStrategy : ExtensibleRecord
{
    /// <summary><c>RollingUpdate</c> or <c>OnDelete</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Rolling update parameters.</summary>
    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; init; }
}

/// <summary>Rolling update parameters of a StatefulSet.</summary>
public sealed record RollingUpdateStatefulSetStrategy : ExtensibleRecord
{
    /// <summary>Only ordinals at or above the partition are updated.</summary>
    public int? Partition { get; init; }

    /// <summary>Pods that may be unavailable during the update.</summary>
    public IntOrString? MaxUnavailable { get; init; }
}

/// <summary>A per-pod PersistentVolumeClaim template.</summary>
public sealed record PersistentVolumeClaimTemplate : KubeObject
{
    /// <summary>The claim's spec (access modes, storage class, size), kept opaque.</summary>
    public System.Text.Json.JsonElement? Spec { get; init; }
}

/// <summary>The observed state of a StatefulSet.</summary>
public sealed record StatefulSetStatus : ExtensibleRecord
{
    /// <summary>The generation observed by the StatefulSet controller.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary>Pods created.</summary>
    public int? Replicas { get; init; }

    /// <summary>Pods ready.</summary>
    public int? ReadyReplicas { get; init; }

    /// <summary>Pods at the current revision.</summary>
    public int? CurrentReplicas { get; init; }

    /// <summary>Pods at the update revision.</summary>
    public int? UpdatedReplicas { get; init; }

    /// <summary>Pods available.</summary>
    public int? AvailableReplicas { get; init; }

    /// <summary>The current revision.</summary>
    public string? CurrentRevision { get; init; }

    /// <summary>The revision being rolled out.</summary>
    public string? UpdateRevision { get; init; }
}
