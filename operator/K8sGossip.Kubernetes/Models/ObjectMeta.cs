using System.Text.Json;
using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>Standard object metadata (<c>metav1.ObjectMeta</c>).</summary>
public sealed record ObjectMeta : ExtensibleRecord
{
    /// <summary>The object's name, unique within its namespace and kind.</summary>
    public string? Name { get; init; }

    /// <summary>A prefix from which the server generates a unique name when <see cref="Name"/> is empty.</summary>
    public string? GenerateName { get; init; }

    /// <summary>The namespace; empty for cluster-scoped objects.</summary>
    public string? Namespace { get; init; }

    /// <summary>The server-assigned unique id of this incarnation of the object.</summary>
    public string? Uid { get; init; }

    /// <summary>The opaque version used for optimistic concurrency and watches.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Incremented by the server on every change of the desired state.</summary>
    public long? Generation { get; init; }

    /// <summary>When the object was created.</summary>
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Set when deletion was requested and finalizers are still pending.</summary>
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>Grace period granted at deletion.</summary>
    public long? DeletionGracePeriodSeconds { get; init; }

    /// <summary>Identifying key/value pairs used by selectors.</summary>
    public Dictionary<string, string>? Labels { get; init; }

    /// <summary>Non-identifying key/value pairs.</summary>
    public Dictionary<string, string>? Annotations { get; init; }

    /// <summary>Objects this object depends on; the garbage collector deletes it with its owner.</summary>
    public List<OwnerReference>? OwnerReferences { get; init; }

    /// <summary>Keys that must be removed before the server deletes the object.</summary>
    public List<string>? Finalizers { get; init; }

    /// <summary>Server-side apply field ownership, kept opaque.</summary>
    public JsonElement? ManagedFields { get; init; }
}
