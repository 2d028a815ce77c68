using System.Text.Json.Serialization.Metadata;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Client;

/// <summary>A kind the client can handle: its API location plus source-generated JSON metadata for it and its list.</summary>
/// <typeparam name="T">The model type.</typeparam>
/// <param name="Descriptor">Where the kind lives in the API.</param>
/// <param name="TypeInfo">JSON metadata for one object.</param>
/// <param name="ListTypeInfo">JSON metadata for a list page.</param>
public sealed record KubeResource<T>(ResourceDescriptor Descriptor, JsonTypeInfo<T> TypeInfo, JsonTypeInfo<KubeList<T>> ListTypeInfo)
    where T : KubeObject;
