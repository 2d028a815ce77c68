using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Serialization;

/// <summary>Source-generated JSON metadata for the built-in models: camelCase, nulls omitted, no reflection.</summary>
/// <remarks>
/// Custom resources declare their own context with the same options and hand its type infos to
/// <see cref="KubeResource{T}"/>; the client never serializes through reflection.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KubeStatus))]
[JsonSerializable(typeof(WatchEventWire))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(KubeList<Lease>))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(KubeList<ConfigMap>))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(KubeList<Secret>))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(KubeList<Service>))]
[JsonSerializable(typeof(StatefulSet))]
[JsonSerializable(typeof(KubeList<StatefulSet>))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(KubeList<Pod>))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(KubeList<Event>))]
[JsonSerializable(typeof(CertificateSigningRequest))]
[JsonSerializable(typeof(KubeList<CertificateSigningRequest>))]
[JsonSerializable(typeof(PodDisruptionBudget))]
[JsonSerializable(typeof(KubeList<PodDisruptionBudget>))]
[JsonSerializable(typeof(ServiceAccount))]
[JsonSerializable(typeof(KubeList<ServiceAccount>))]
[JsonSerializable(typeof(Role))]
[JsonSerializable(typeof(KubeList<Role>))]
[JsonSerializable(typeof(RoleBinding))]
[JsonSerializable(typeof(KubeList<RoleBinding>))]
[JsonSerializable(typeof(CustomResourceDefinition))]
[JsonSerializable(typeof(KubeList<CustomResourceDefinition>))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(KubeList<Namespace>))]
public sealed partial class KubeJsonContext : JsonSerializerContext;
