using K8sGossip.Kubernetes.Client;

namespace K8sGossip.Kubernetes.Runtime;

/// <summary>The part of an informer a controller needs without knowing its object type.</summary>
public interface IInformer
{
    /// <summary>The watched kind.</summary>
    ResourceDescriptor Resource { get; }

    /// <summary>True once the first full list is in the cache and delivered to handlers.</summary>
    bool HasSynced { get; }

    /// <summary>Lists, then watches, until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Completes when <see cref="HasSynced"/> becomes true.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
