using System.Text.Json;

namespace K8sGossip.Kubernetes.Models;

/// <summary>One container of a pod.</summary>
public sealed record Container : ExtensibleRecord
{
    /// <summary>The container's name, unique in the pod.</summary>
    public string Name { get; init; } = "";

    /// <summary>The image reference.</summary>
    public string? Image { get; init; }

    /// <summary><c>Always</c>, <c>IfNotPresent</c> or <c>Never</c>.</summary>
    public string? ImagePullPolicy { get; init; }

    /// <summary>The entrypoint.</summary>
    public List<string>? Command { get; init; }

    /// <summary>Arguments to the entrypoint.</summary>
    public List<string>? Args { get; init; }

    /// <summary>Environment variables.</summary>
    public List<EnvVar>? Env { get; init; }

    /// <summary>Exposed ports.</summary>
    public List<ContainerPort>? Ports { get; init; }

    /// <summary>Mounted volumes.</summary>
    public List<VolumeMount>? VolumeMounts { get; init; }

    /// <summary>Requests and limits, kept opaque.</summary>
    public JsonElement? Resources { get; init; }

    /// <summary>Readiness probe, kept opaque.</summary>
    public JsonElement? ReadinessProbe { get; init; }

    /// <summary>Liveness probe, kept opaque.</summary>
    public JsonElement? LivenessProbe { get; init; }

    /// <summary>Startup probe, kept opaque.</summary>
    public JsonElement? StartupProbe { get; init; }

    /// <summary>Lifecycle hooks such as preStop, kept opaque.</summary>
    public JsonElement? Lifecycle { get; init; }

    /// <summary>Container security settings, kept opaque.</summary>
    public JsonElement? SecurityContext { get; init; }
}

/// <summary>An environment variable: a literal value or a reference (kept opaque).</summary>
public sealed record EnvVar : ExtensibleRecord
{
    /// <summary>The variable's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The literal value.</summary>
    public string? Value { get; init; }

    /// <summary>A reference to a field, secret or config map key.</summary>
    public JsonElement? ValueFrom { get; init; }
}

/// <summary>A port a container listens on.</summary>
public sealed record ContainerPort : ExtensibleRecord
{
    /// <summary>The port's name.</summary>
    public string? Name { get; init; }

    /// <summary>The port number.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("containerPort")]
    public int Port { get; init; }

    /// <summary><c>TCP</c>, <c>UDP</c> or <c>SCTP</c>.</summary>
    public string? Protocol { get; init; }
}

/// <summary>Where a volume is mounted in a container.</summary>
public sealed record VolumeMount : ExtensibleRecord
{
    /// <summary>The volume's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The mount path.</summary>
    public string MountPath { get; init; } = "";

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>A path inside the volume.</summary>
    public string? SubPath { get; init; }
}

/// <summary>A pod volume; the common sources are modelled, others land in extension data.</summary>
public sealed record Volume : ExtensibleRecord
{
    /// <summary>The volume's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>A config map source, kept opaque.</summary>
    public JsonElement? ConfigMap { get; init; }

    /// <summary>A secret source, kept opaque.</summary>
    public JsonElement? Secret { get; init; }

    /// <summary>An emptyDir source, kept opaque.</summary>
    public JsonElement? EmptyDir { get; init; }

    /// <summary>A persistent volume claim source, kept opaque.</summary>
    public JsonElement? PersistentVolumeClaim { get; init; }

    /// <summary>A projected source, kept opaque.</summary>
    public JsonElement? Projected { get; init; }
}
