using System.Diagnostics.Metrics;

namespace K8sGossip.Kubernetes.Diagnostics;

/// <summary>Counters of the Kubernetes client and controller runtime, on the product's <c>K8sGossip</c> meter.</summary>
/// <remarks>Tags are low-cardinality (verb, resource, reason, controller): never object names.</remarks>
internal static class KubernetesMetrics
{
    private static readonly Meter Meter = new("K8sGossip");

    /// <summary>API requests that ended in an error, by verb, resource and reason.</summary>
    public static readonly Counter<long> RequestFailures = Meter.CreateCounter<long>(
        "k8sgossip.kube.request.failures", description: "Kubernetes API requests that failed, after retries");

    /// <summary>API requests retried after throttling or a server error.</summary>
    public static readonly Counter<long> RequestRetries = Meter.CreateCounter<long>(
        "k8sgossip.kube.request.retries", description: "Kubernetes API requests retried after 429 or 5xx");

    /// <summary>Watches re-established after ending or failing.</summary>
    public static readonly Counter<long> WatchReconnects = Meter.CreateCounter<long>(
        "k8sgossip.kube.watch.reconnects", description: "Watches re-established from the last resourceVersion");

    /// <summary>Full relists after a watch expired (410 Gone).</summary>
    public static readonly Counter<long> InformerRelists = Meter.CreateCounter<long>(
        "k8sgossip.kube.informer.relists", description: "Informer relists after 410 Gone");

    /// <summary>Failed reconciles, by controller and whether they will be retried.</summary>
    public static readonly Counter<long> ReconcileErrors = Meter.CreateCounter<long>(
        "k8sgossip.controller.reconcile.errors", description: "Reconciles that threw");

    /// <summary>Leadership starts and ends of this process, by lease and transition.</summary>
    public static readonly Counter<long> LeadershipTransitions = Meter.CreateCounter<long>(
        "k8sgossip.leader.transitions", description: "Lease leadership acquired, lost or released by this process");
}
