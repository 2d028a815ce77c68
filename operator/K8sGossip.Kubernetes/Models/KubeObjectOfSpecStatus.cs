namespace K8sGossip.Kubernetes.Models;

/// <summary>Base for objects with a spec and a status subresource, such as the project's custom resources.</summary>
/// <typeparam name="TSpec">The desired state written by users.</typeparam>
/// <typeparam name="TStatus">The observed state written by controllers through the status subresource.</typeparam>
public abstract record KubeObject<TSpec, TStatus> : KubeObject
    where TSpec : class
    where TStatus : class
{
    /// <summary>The desired state.</summary>
    public TSpec? Spec { get; init; }

    /// <summary>The observed state.</summary>
    public TStatus? Status { get; init; }
}
