using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>A core/v1 Event, written on state transitions of an object.</summary>
public sealed record Event : KubeObject
{
    /// <summary>The object the event is about.</summary>
    public ObjectReference? InvolvedObject { get; init; }

    /// <summary>CamelCase reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable detail.</summary>
    public string? Message { get; init; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The component reporting the event.</summary>
    public EventSource? Source { get; init; }

    /// <summary>First occurrence.</summary>
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? FirstTimestamp { get; init; }

    /// <summary>Latest occurrence.</summary>
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTimestamp { get; init; }

    /// <summary>How many times the event occurred.</summary>
    public int? Count { get; init; }

    /// <summary>Precise time of the first occurrence.</summary>
    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>The controller that emitted the event.</summary>
    public string? ReportingComponent { get; init; }

    /// <summary>The controller instance (for example the pod name).</summary>
    public string? ReportingInstance { get; init; }

    /// <summary>What the reporter did or failed to do.</summary>
    public string? Action { get; init; }
}

/// <summary>The component that reported an event.</summary>
/// <param name="Component">The component name.</param>
/// <param name="Host">The node name.</param>
public sealed record EventSource(string? Component, string? Host);
