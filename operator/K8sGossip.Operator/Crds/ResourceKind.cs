using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>One K8sGossip kind with its schema and JSON binding: turns untrusted JSON into a validated, defaulted object.</summary>
internal sealed class ResourceKind
{
    private readonly Func<JsonObject, KubeObject?> read;
    private readonly Func<KubeObject, JsonObject?> write;

    private ResourceKind(string kind, Type type, Func<JsonObject, KubeObject?> read, Func<KubeObject, JsonObject?> write)
    {
        Kind = kind;
        Type = type;
        Schema = SchemaGenerator.ForResource(type);
        this.read = read;
        this.write = write;
    }

    /// <summary>The kind name.</summary>
    public string Kind { get; }

    /// <summary>The C# type.</summary>
    public Type Type { get; }

    /// <summary>The schema the CRD declares.</summary>
    public SchemaNode Schema { get; }

    /// <summary>Every K8sGossip kind.</summary>
    public static IReadOnlyList<ResourceKind> All { get; } =
    [
        Create(GossipJsonContext.Default.Organization),
        Create(GossipJsonContext.Default.Channel),
        Create(GossipJsonContext.Default.AnchorPeer),
    ];

    /// <summary>The kind with this name, or null.</summary>
    public static ResourceKind? Find(string kind) => All.FirstOrDefault(k => string.Equals(k.Kind, kind, StringComparison.Ordinal));

    /// <summary>The kind of this C# type, or null.</summary>
    public static ResourceKind? Find(Type type) => All.FirstOrDefault(k => k.Type == type);

    /// <summary>Validates and defaults <paramref name="json"/> in place, then binds it; the object is null when there are errors.</summary>
    public (KubeObject? Resource, IReadOnlyList<FieldError> Errors) Read(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = SchemaValidator.Normalize(json, Schema);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        try
        {
            return (read(json), []);
        }
        catch (JsonException e)
        {
            return (null, [new FieldError(e.Path?.TrimStart('$', '.') ?? "", FieldErrorType.Invalid, null, e.Message)]);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            return (null, [new FieldError("", FieldErrorType.Invalid, null, e.Message)]);
        }
    }

    /// <summary>Round-trips an object through its JSON form, so it is validated and defaulted exactly like a manifest.</summary>
    public (KubeObject? Resource, IReadOnlyList<FieldError> Errors) Normalize(KubeObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        JsonObject? json;
        try
        {
            json = write(resource);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return (null, [new FieldError("", FieldErrorType.Invalid, null, e.Message)]);
        }

        return json is null
            ? (null, [new FieldError("", FieldErrorType.Invalid, null, "the object does not serialize to a JSON object")])
            : Read(json);
    }

    private static ResourceKind Create<T>(JsonTypeInfo<T> info)
        where T : KubeObject =>
        new(
            typeof(T).Name,
            typeof(T),
            json => json.Deserialize(info),
            resource => JsonSerializer.SerializeToNode((T)resource, info) as JsonObject);
}
