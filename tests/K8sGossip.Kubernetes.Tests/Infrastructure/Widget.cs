using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Tests.Infrastructure;

/// <summary>A custom resource as the project's own CRDs will be declared: spec, status, own JSON context.</summary>
public sealed record Widget : KubeObject<WidgetSpec, WidgetStatus>
{
    public static readonly KubeResource<Widget> Resource = new(
        new ResourceDescriptor("test.k8sgossip.io", "v1", "widgets", "Widget", true),
        WidgetJsonContext.Default.Widget,
        WidgetJsonContext.Default.KubeListWidget);
}

public sealed record WidgetSpec : ExtensibleRecord
{
    public int Size { get; init; }

    public string? Color { get; init; }
}

public sealed record WidgetStatus : ExtensibleRecord
{
    public string? Phase { get; init; }

    public long? ObservedGeneration { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Widget))]
[JsonSerializable(typeof(KubeList<Widget>))]
public sealed partial class WidgetJsonContext : JsonSerializerContext;
