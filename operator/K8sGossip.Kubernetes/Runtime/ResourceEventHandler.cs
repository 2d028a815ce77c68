using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Runtime;

/// <summary>An <see cref="IResourceEventHandler{T}"/> built from delegates; unset delegates ignore the event.</summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ResourceEventHandler<T> : IResourceEventHandler<T>
    where T : KubeObject
{
    /// <summary>Called for additions.</summary>
    public Action<T>? Added { get; init; }

    /// <summary>Called for updates and resyncs.</summary>
    public Action<T, T>? Updated { get; init; }

    /// <summary>Called for deletions.</summary>
    public Action<T>? Deleted { get; init; }

    /// <inheritdoc />
    public void OnAdded(T value) => Added?.Invoke(value);

    /// <inheritdoc />
    public void OnUpdated(T previous, T current) => Updated?.Invoke(previous, current);

    /// <inheritdoc />
    public void OnDeleted(T lastKnown) => Deleted?.Invoke(lastKnown);
}
