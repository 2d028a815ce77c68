using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Client;

/// <summary>Every object of a collection, read page by page, and the version to start a watch from.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Items">All objects.</param>
/// <param name="ResourceVersion">The list's resourceVersion; a watch from here misses nothing.</param>
public sealed record KubeListResult<T>(IReadOnlyList<T> Items, string ResourceVersion)
    where T : KubeObject;
