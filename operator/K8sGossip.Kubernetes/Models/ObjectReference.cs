namespace K8sGossip.Kubernetes.Models;

/// <summary>A reference to another object (<c>corev1.ObjectReference</c>), as used by Events.</summary>
public sealed record ObjectReference : ExtensibleRecord
{
    /// <summary>The referent's group/version.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The referent's kind.</summary>
    public string? Kind { get; init; }

    /// <summary>The referent's namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The referent's name.</summary>
    public string? Name { get; init; }

    /// <summary>The referent's uid.</summary>
    public string? Uid { get; init; }

    /// <summary>The referent's resourceVersion when the reference was made.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>A field inside the referent, for example a container.</summary>
    public string? FieldPath { get; init; }
}

/// <summary>A reference to an object by name in the same namespace.</summary>
/// <param name="Name">The referent's name.</param>
public sealed record LocalObjectReference(string Name);
