namespace K8sGossip.Kubernetes.Models;

/// <summary>The common shape of every Kubernetes object: type meta, object meta, and fields this model does not know.</summary>
/// <remarks>
/// Unknown fields land in <see cref="ExtensionData"/> and are written back unchanged, so a read-modify-write
/// never drops what a newer API server or another controller put on the object.
/// </remarks>
public abstract record KubeObject : ExtensibleRecord
{
    /// <summary>The group/version, for example <c>coordination.k8s.io/v1</c>; filled in by the client when empty.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The kind, for example <c>Lease</c>; filled in by the client when empty.</summary>
    public string? Kind { get; init; }

    /// <summary>Name, namespace, labels and the other standard metadata.</summary>
    public ObjectMeta Metadata { get; init; } = new();
}
