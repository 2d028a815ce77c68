using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Receives an informer's cache changes, one at a time and in order.</summary>
/// <remarks>Handlers run on the informer's loop: keep them short (typically: enqueue a key) and never block.</remarks>
/// <typeparam name="T">The object type.</typeparam>
public interface IResourceEventHandler<in T>
    where T : KubeObject
{
    /// <summary>An object entered the cache.</summary>
    void OnAdded(T value);

    /// <summary>A cached object changed, or a periodic resync re-delivered it (then both arguments are the same state).</summary>
    void OnUpdated(T previous, T current);

    /// <summary>An object left the cache; <paramref name="lastKnown"/> is its last observed state.</summary>
    void OnDeleted(T lastKnown);
}
