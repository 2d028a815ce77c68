using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>A core/v1 Pod.</summary>
public sealed record Pod : KubeObject
{
    /// <summary>The desired pod.</summary>
    public PodSpec? Spec { get; init; }

    /// <summary>The observed pod.</summary>
    public PodStatus? Status { get; init; }
}

/// <summary>A pod template inside a workload.</summary>
public sealed record PodTemplateSpec : ExtensibleRecord
{
    /// <summary>Labels and annotations of the pods.</summary>
    public ObjectMeta? Metadata { get; init; }

    /// <summary>The pods' spec.</summary>
    public PodSpec? Spec { get; init; }
}

/// <summary>The observed state of a pod.</summary>
public sealed record PodStatus : ExtensibleRecord
{
    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Unknown</c>.</summary>
    public string? Phase { get; init; }

    /// <summary>The pod's IP.</summary>
    public string? PodIP { get; init; }

    /// <summary>Pod conditions such as <c>Ready</c>.</summary>
    public List<PodCondition>? Conditions { get; init; }

    /// <summary>Per-container state.</summary>
    public List<ContainerStatus>? ContainerStatuses { get; init; }

    /// <summary>When the kubelet accepted the pod.</summary>
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? StartTime { get; init; }
}

/// <summary>One pod condition.</summary>
public sealed record PodCondition : ExtensibleRecord
{
    /// <summary>For example <c>Ready</c> or <c>ContainersReady</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string Status { get; init; } = "Unknown";

    /// <summary>CamelCase reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable detail.</summary>
    public string? Message { get; init; }

    /// <summary>When the status last changed.</summary>
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTransitionTime { get; init; }
}

/// <summary>The observed state of one container.</summary>
public sealed record ContainerStatus : ExtensibleRecord
{
    /// <summary>The container's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Whether the readiness probe passes.</summary>
    public bool Ready { get; init; }

    /// <summary>Restarts so far.</summary>
    public int RestartCount { get; init; }

    /// <summary>The running image.</summary>
    public string? Image { get; init; }
}
