using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Operator.Planning;

/// <summary>A validated, defaulted resource in planning, with its reference and the object it came from.</summary>
/// <typeparam name="TSpec">The spec type.</typeparam>
/// <param name="Ref">Kind, namespace and name.</param>
/// <param name="Spec">The defaulted spec.</param>
/// <param name="Original">The object as given, for locating issues in its manifest.</param>
internal sealed record ResourceEntry<TSpec>(ResourceRef Ref, TSpec Spec, KubeObject Original)
    where TSpec : class
{
    /// <summary>The resource's name.</summary>
    public string Name => Ref.Name;

    /// <summary>The resource's namespace.</summary>
    public string Namespace => Ref.Namespace;
}
