using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>One page of a list response.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record KubeList<T>
    where T : KubeObject
{
    /// <summary>The list's group/version.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The list kind, for example <c>LeaseList</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>The consistent resourceVersion of the list and the continue token for the next page.</summary>
    public ListMeta Metadata { get; init; } = new();

    /// <summary>The objects on this page.</summary>
    public List<T> Items { get; init; } = [];
}

/// <summary>List metadata (<c>metav1.ListMeta</c>).</summary>
public sealed record ListMeta : ExtensibleRecord
{
    /// <summary>The resourceVersion at which the list is consistent; a watch resumes from here.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Opaque token for the next page; empty on the last page.</summary>
    public string? Continue { get; init; }

    /// <summary>How many items remain after this page, when the server knows.</summary>
    public long? RemainingItemCount { get; init; }
}
