using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Operator.Crds;

/// <summary>Source-generated JSON metadata for the K8sGossip custom resources, with the API's conventions.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Organization))]
[JsonSerializable(typeof(KubeList<Organization>))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(KubeList<Channel>))]
[JsonSerializable(typeof(AnchorPeer))]
[JsonSerializable(typeof(KubeList<AnchorPeer>))]
public sealed partial class GossipJsonContext : JsonSerializerContext;
