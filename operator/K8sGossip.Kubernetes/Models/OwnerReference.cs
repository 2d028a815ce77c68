using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>A link from a dependent object to its owner, used for garbage collection and controller ownership.</summary>
public sealed record OwnerReference : ExtensibleRecord
{
    /// <summary>The owner's group/version.</summary>
    public string ApiVersion { get; init; } = "";

    /// <summary>The owner's kind.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The owner's name (same namespace as the dependent).</summary>
    public string Name { get; init; } = "";

    /// <summary>The owner's uid; a recreated owner with the same name does not adopt old dependents.</summary>
    public string Uid { get; init; } = "";

    /// <summary>True on the single reference that names the managing controller.</summary>
    public bool? Controller { get; init; }

    /// <summary>With foreground deletion, the owner waits until this dependent is gone.</summary>
    public bool? BlockOwnerDeletion { get; init; }
}
