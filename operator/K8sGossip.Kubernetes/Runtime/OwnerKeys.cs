using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Maps an owned object to the key of the object that controls it.</summary>
public static class OwnerKeys
{
    /// <summary>The key of <paramref name="value"/>'s controller owner when it is of <paramref name="ownerKind"/>; null otherwise.</summary>
    /// <remarks>Only the reference with <c>controller: true</c> counts, and owners live in the dependent's namespace.</remarks>
    public static ObjectKey? ControllerOf(KubeObject value, ResourceDescriptor ownerKind)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(ownerKind);
        var references = value.Metadata.OwnerReferences;
        if (references is null)
        {
            return null;
        }

        foreach (var reference in references)
        {
            if (reference.Controller != true || reference.Kind != ownerKind.Kind || GroupOf(reference.ApiVersion) != ownerKind.Group)
            {
                continue;
            }

            var ns = ownerKind.Namespaced ? value.Metadata.Namespace : null;
            return new ObjectKey(string.IsNullOrEmpty(ns) ? null : ns, reference.Name);
        }

        return null;
    }

    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}
