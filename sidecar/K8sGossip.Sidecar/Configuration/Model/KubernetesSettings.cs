namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Access to the Kubernetes API for Lease election (<c>k8sgossip.kubernetes.*</c>).</summary>
/// <param name="Namespace">Namespace of the Leases; empty when not on Kubernetes.</param>
/// <param name="ApiServer">The API server; null when not on Kubernetes.</param>
/// <param name="TokenFile">Service-account token file.</param>
/// <param name="CaFile">CA certificate of the API server.</param>
public sealed record KubernetesSettings(string Namespace, Uri? ApiServer, string TokenFile, string CaFile);
