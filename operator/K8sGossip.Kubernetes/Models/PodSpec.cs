using System.Text.Json;

namespace K8sGossip.Kubernetes.Models;

/// <summary>The desired state of a pod; rarely used fields are kept opaque or in extension data.</summary>
public sealed record PodSpec : ExtensibleRecord
{
    /// <summary>The application containers.</summary>
    public List<Container> Containers { get; init; } = [];

    /// <summary>Containers run to completion before the others start.</summary>
    public List<Container>? InitContainers { get; init; }

    /// <summary>Volumes the containers may mount.</summary>
    public List<Volume>? Volumes { get; init; }

    /// <summary>The service account the pod runs as.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>Whether the service account token is mounted.</summary>
    public bool? AutomountServiceAccountToken { get; init; }

    /// <summary>Seconds between the termination signal and the kill.</summary>
    public long? TerminationGracePeriodSeconds { get; init; }

    /// <summary>Pod-level security settings.</summary>
    public PodSecurityContext? SecurityContext { get; init; }

    /// <summary>Node label requirements.</summary>
    public Dictionary<string, string>? NodeSelector { get; init; }

    /// <summary>Scheduling affinity, kept opaque.</summary>
    public JsonElement? Affinity { get; init; }

    /// <summary>Taint tolerations, kept opaque.</summary>
    public JsonElement? Tolerations { get; init; }

    /// <summary>Pull secrets for the images.</summary>
    public List<LocalObjectReference>? ImagePullSecrets { get; init; }
}

/// <summary>Pod-level security settings.</summary>
public sealed record PodSecurityContext : ExtensibleRecord
{
    /// <summary>Refuse to start containers running as root.</summary>
    public bool? RunAsNonRoot { get; init; }

    /// <summary>The user id of container processes.</summary>
    public long? RunAsUser { get; init; }

    /// <summary>The group id of container processes.</summary>
    public long? RunAsGroup { get; init; }

    /// <summary>The group owning mounted volumes.</summary>
    public long? FsGroup { get; init; }

    /// <summary>The seccomp profile, kept opaque.</summary>
    public JsonElement? SeccompProfile { get; init; }
}
