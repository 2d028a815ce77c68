using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>The API's <c>Status</c> object, returned with every error and by some deletes.</summary>
public sealed record KubeStatus
{
    /// <summary>Always <c>v1</c>.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Always <c>Status</c>.</summary>
    public string? Kind { get; init; }

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; init; }

    /// <summary>Machine-readable reason, for example <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Invalid</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Extra data about the failure.</summary>
    public KubeStatusDetails? Details { get; init; }

    /// <summary>The HTTP status code.</summary>
    public int? Code { get; init; }

    /// <summary>Fields not modelled by this type.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Details of a failed request: which object, why, and when to retry.</summary>
public sealed record KubeStatusDetails
{
    /// <summary>The object's name.</summary>
    public string? Name { get; init; }

    /// <summary>The object's API group.</summary>
    public string? Group { get; init; }

    /// <summary>The object's kind.</summary>
    public string? Kind { get; init; }

    /// <summary>The object's uid.</summary>
    public string? Uid { get; init; }

    /// <summary>Individual validation failures.</summary>
    public List<KubeStatusCause>? Causes { get; init; }

    /// <summary>Seconds the client should wait before retrying.</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>One reason a request failed, often a single invalid field.</summary>
/// <param name="Reason">Machine-readable cause, for example <c>FieldValueRequired</c>.</param>
/// <param name="Message">Human-readable explanation.</param>
/// <param name="Field">The JSON path of the offending field, for example <c>spec.replicas</c>.</param>
public sealed record KubeStatusCause(string? Reason, string? Message, string? Field);
