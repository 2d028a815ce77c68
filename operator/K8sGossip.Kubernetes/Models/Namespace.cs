namespace K8sGossip.Kubernetes.Models;

/// <summary>A core/v1 Namespace.</summary>
public sealed record Namespace : KubeObject
{
    /// <summary>The namespace's lifecycle state.</summary>
    public NamespaceStatus? Status { get; init; }
}

/// <summary>The namespace's lifecycle state.</summary>
/// <param name="Phase"><c>Active</c> or <c>Terminating</c>.</param>
public sealed record NamespaceStatus(string? Phase);
