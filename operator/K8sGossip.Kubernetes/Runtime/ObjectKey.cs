using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Identifies an object by namespace and name, as queued for reconciliation.</summary>
/// <param name="Namespace">The namespace; null for cluster-scoped objects.</param>
/// <param name="Name">The name.</param>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>The key of <paramref name="value"/>.</summary>
    public static ObjectKey Of(KubeObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.Metadata.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("The object has no metadata.name.", nameof(value));
        }

        return new ObjectKey(string.IsNullOrEmpty(value.Metadata.Namespace) ? null : value.Metadata.Namespace, name);
    }

    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped objects.</summary>
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
